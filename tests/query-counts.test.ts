import { subgraphNames, type SubgraphName } from '@codex/kit';
import type { Platform } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, superadminToken } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql } from './support/graphql.ts';
import { startPrivatePlatform, statementsSent } from './support/private-platform.ts';
import { createTenant } from './support/tenant-fixture.ts';

/**
 * N+1 guard: the SQL statements each subgraph sends for one request must not grow with the size of
 * the list asked for. Counted on a private set of services (their counters see no other traffic).
 */
let platform: Platform;
let superToken: string;
const db = connectDatabases();

beforeAll(async () => {
  [platform, superToken] = await Promise.all([startPrivatePlatform(), superadminToken()]);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  await db.disconnect();
});

/** Statements per subgraph for one run of `query` through the private gateway (the fewest of 3 runs). */
async function statementsPerSubgraph(query: string, variables: Record<string, unknown>, token: string) {
  const fewest = Object.fromEntries(subgraphNames.map((name) => [name, Number.POSITIVE_INFINITY])) as Record<SubgraphName, number>;
  for (let run = 0; run < 3; run += 1) {
    const before = await Promise.all(subgraphNames.map((name) => statementsSent(platform, name)));
    const { body } = await graphql(query, variables, { url: platform.gatewayUrl, headers: bearer(token) });
    expect(body.errors).toBeUndefined();
    const after = await Promise.all(subgraphNames.map((name) => statementsSent(platform, name)));
    subgraphNames.forEach((name, index) => {
      fewest[name] = Math.min(fewest[name], after[index]! - before[index]!);
    });
  }
  return fewest;
}

describe('SQL statements per request do not grow with list size', () => {
  it('tenant summaries of 10 and of 100 tenants cost the same statements in every subgraph', async () => {
    await Promise.all(Array.from({ length: 100 }, () => createTenant(db, { customers: 1, leads: ['OPEN'] })));
    const query = /* GraphQL */ `
      query Summaries($first: Int!) {
        tenants(first: $first) {
          edges { node { id users { total } crm { totalCustomers } cms { pages } billing { openInvoices } analytics { totalEvents } } }
        }
      }
    `;
    const ten = await statementsPerSubgraph(query, { first: 10 }, superToken);
    const hundred = await statementsPerSubgraph(query, { first: 100 }, superToken);
    console.info('statements per request, tenant summaries (10 vs 100 tenants):', JSON.stringify({ ten, hundred }));
    expect(hundred).toEqual(ten);
  });
});
