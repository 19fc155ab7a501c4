import { subgraphNames, type SubgraphName } from '@codex/kit';
import type { Platform } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
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

  describe('a page of customers with their leads, assignees, subscriptions and latest events', () => {
    let actors: TenantActors;

    /** Through the shared gateway: 100 customers, each with a lead, a subscription and three events. */
    beforeAll(async () => {
      actors = await createTenantWithUsers(superToken, 'n-plus-one');
      const as = (token: string) => async (query: string, variables: Record<string, unknown>) => {
        const { body } = await graphql(query, variables, { headers: bearer(token) });
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data!;
      };
      const admin = as(actors.admin.token);
      const superadmin = as(superToken);
      const plan = await superadmin(
        /* GraphQL */ `mutation Plan($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
        { input: { tenantId: actors.tenant.id, name: 'Growth', amount: '49.00', currency: 'USD', interval: 'MONTH', intervalCount: 1, trialDays: 0 } },
      );
      const customerIds: string[] = [];
      for (let i = 0; i < 100; i += 1) {
        const created = await admin(/* GraphQL */ `mutation Customer($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
          input: { email: `n1-${i}@example.test`, firstName: 'Nora', lastName: `Customer ${i}`, company: 'Plusone' },
        });
        customerIds.push(created.createCustomer.id);
      }
      for (const [i, customerId] of customerIds.entries()) {
        await admin(/* GraphQL */ `mutation Lead($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
          input: { title: `Deal ${i}`, customerId, assigneeId: i % 2 ? actors.admin.id : actors.client.id, value: '1000.00', currency: 'USD' },
        });
        await admin(/* GraphQL */ `mutation Subscribe($input: SubscribeCustomerInput!) { subscribeCustomer(input: $input) { id } }`, {
          input: { customerId, planId: plan.createPlan.id },
        });
      }
      const events = customerIds.flatMap((customerId, i) =>
        [0, 1, 2].map((n) => ({ idempotencyKey: `n1-${i}-${n}`, name: `page_view_${n}`, customerId })),
      );
      const { body } = await graphql(/* GraphQL */ `mutation Ingest($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }`, { events }, { headers: bearer(actors.client.token) });
      expect(body.data?.ingestEvents.accepted).toBe(300);
    }, 180_000);

    it('costs the same SQL statements per subgraph for 10 and for 100 customers', async () => {
      const query = /* GraphQL */ `
        query CustomerPage($first: Int!) {
          customers(first: $first) {
            edges {
              node {
                id email
                leads(first: 5) { id title assignee { id email } }
                subscriptions { id status plan { id name } }
                recentEvents(first: 3) { id name }
              }
            }
          }
        }
      `;
      const { body } = await graphql(query, { first: 100 }, { url: platform.gatewayUrl, headers: bearer(actors.admin.token) });
      const nodes = body.data?.customers.edges.map((edge: { node: unknown }) => edge.node) as {
        leads: { assignee: { id: string } | null }[];
        subscriptions: unknown[];
        recentEvents: unknown[];
      }[];
      expect(nodes).toHaveLength(100);
      for (const node of nodes) {
        expect(node.leads).toHaveLength(1);
        expect(node.leads[0]!.assignee?.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(node.subscriptions).toHaveLength(1);
        expect(node.recentEvents).toHaveLength(3);
      }
      const ten = await statementsPerSubgraph(query, { first: 10 }, actors.admin.token);
      const hundred = await statementsPerSubgraph(query, { first: 100 }, actors.admin.token);
      console.info('statements per request, customer page (10 vs 100 customers):', JSON.stringify({ ten, hundred }));
      expect(hundred).toEqual(ten);
    });
  });
});
