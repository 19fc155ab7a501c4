import { randomUUID } from 'node:crypto';
import type { SubgraphName } from '@codex/kit';
import type { Platform } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql } from './support/graphql.ts';
import { startPrivatePlatform, statementsSent } from './support/private-platform.ts';
import { fillCrm } from './support/query-count-fixtures.ts';
import { fillTenant } from './support/tenant-fixture.ts';

/**
 * What a request costs the database (issue 11): a page of any domain list at most 3 statements
 * (scope, rows, count), an entity by id at most 2 (scope, row), a mutation one transaction with its
 * audit row and its domain event. BEGIN, COMMIT and the scope count, as codex_db_statement_duration_seconds counts them.
 */
let platform: Platform;
let superToken: string;
let actors: TenantActors;
const db = connectDatabases();

beforeAll(async () => {
  [platform, superToken] = await Promise.all([startPrivatePlatform(), superadminToken()]);
  actors = await createTenantWithUsers(superToken, 'data-path');
  const rows = 25;
  await fillTenant(
    db,
    actors.tenant.id,
    {
      customers: rows,
      contentItems: Array.from({ length: rows }, () => 'PUBLISHED' as const),
      mediaFiles: rows,
      pages: rows,
      subscriptions: Array.from({ length: rows }, () => 'ACTIVE' as const),
      invoices: Array.from({ length: rows }, () => 'OPEN' as const),
      eventAgesHours: Array.from({ length: rows }, (_, i) => i),
    },
    randomUUID().slice(0, 8),
  );
  await fillCrm(db, actors.tenant.id, actors.admin.id, rows);
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  await db.disconnect();
});

/** Statements `service` sends for one run of `query` through the private gateway (the fewest of 3 runs). */
async function statements(service: SubgraphName, query: string, variables: Record<string, unknown>, token: string) {
  let fewest = Number.POSITIVE_INFINITY;
  let data: Record<string, unknown> = {};
  for (let run = 0; run < 3; run += 1) {
    const before = await statementsSent(platform, service);
    const { body } = await graphql(query, variables, { url: platform.gatewayUrl, headers: bearer(token) });
    expect(body.errors).toBeUndefined();
    data = body.data!;
    fewest = Math.min(fewest, (await statementsSent(platform, service)) - before);
  }
  return { fewest, data };
}

/** Every domain list, its subgraph, and the root field that reads one of its rows by id (if any). */
const lists: [list: string, service: SubgraphName, byId: string | null][] = [
  ['customers', 'crm', 'customer'],
  ['leads', 'crm', 'lead'],
  ['pipelines', 'crm', 'pipeline'],
  ['interactions', 'crm', 'interaction'],
  ['crmAuditLog', 'crm', null],
  ['contentTypes', 'cms', 'contentType'],
  ['contentItems', 'cms', 'contentItem'],
  ['mediaFiles', 'cms', 'mediaFile'],
  ['pages', 'cms', 'page'],
  ['cmsAuditLog', 'cms', null],
  ['plans', 'billing', 'plan'],
  ['subscriptions', 'billing', 'subscription'],
  ['invoices', 'billing', 'invoice'],
  ['usageEvents', 'billing', null],
  ['billableMetrics', 'billing', 'billableMetric'],
  ['billingAuditLog', 'billing', null],
  ['events', 'analytics', 'event'],
  ['dashboards', 'analytics', 'dashboard'],
  ['analyticsAuditLog', 'analytics', null],
  ['users', 'auth', 'user'],
  ['apiKeys', 'auth', null],
  ['machineClients', 'auth', null],
  ['auditLog', 'auth', null],
  ['authEvents', 'auth', null],
];

describe('statements per request', () => {
  it.each(lists)(
    'a 20-row page of %s costs ≤ 3 statements with totalCount, ≤ 2 without, one of its rows by id ≤ 2',
    async (list, service, byId) => {
      const page = await statements(
        service,
        `{ ${list}(first: 20) { totalCount edges { node { id } } } }`,
        {},
        actors.admin.token,
      );
      expect(page.fewest).toBeLessThanOrEqual(3);
      // Without totalCount the count is not run: scope and rows.
      const rowsOnly = await statements(
        service,
        `{ ${list}(first: 20) { edges { node { id } } } }`,
        {},
        actors.admin.token,
      );
      expect(rowsOnly.fewest).toBeLessThanOrEqual(2);
      if (!byId) return;
      const edges = (page.data[list] as { edges: { node: { id: string } }[] }).edges;
      // A missing row (an empty list) is read the same way as a present one.
      const id = edges[0]?.node.id ?? randomUUID();
      const one = await statements(service, `query ($id: ID!) { ${byId}(id: $id) { id } }`, { id }, actors.admin.token);
      expect(one.fewest).toBeLessThanOrEqual(2);
      if (edges[0]) expect(one.data[byId]).toEqual({ id });
    },
  );

  it('the tenant registry: a page of tenants costs ≤ 3 statements, a tenant by id ≤ 2', async () => {
    const page = await statements(
      'auth',
      '{ tenants(first: 20) { totalCount edges { node { id } } } }',
      {},
      superToken,
    );
    expect(page.fewest).toBeLessThanOrEqual(3);
    const tenant = await statements(
      'auth',
      'query ($id: ID!) { tenant(id: $id) { id } }',
      { id: actors.tenant.id },
      superToken,
    );
    expect(tenant.fewest).toBeLessThanOrEqual(2);
  });

  it('a customer search page costs ≤ 3 statements', async () => {
    const search = await statements(
      'crm',
      '{ customers(first: 20, search: "Customer") { totalCount edges { node { id } } } }',
      {},
      actors.admin.token,
    );
    expect(search.fewest).toBeLessThanOrEqual(3);
  });

  it('a newest-first events page reads the recent months first, and all months again (once a minute) when they hold less than a page', async () => {
    const sparse = await db.auth.tenant.create({
      data: { slug: `sparse-${randomUUID().slice(0, 8)}`, name: 'Sparse' },
    });
    // Two events of the last hours, four of 40 to 400 days ago: months the recent bound leaves out.
    const ages = [1, 2, 40 * 24, 90 * 24, 200 * 24, 400 * 24];
    await fillTenant(db, sparse.id, { eventAgesHours: ages }, randomUUID().slice(0, 8));
    const stored = await db.analytics.event.findMany({
      where: { tenantId: sparse.id },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    });
    const query = 'query ($tenantId: ID) { events(first: 3, tenantId: $tenantId) { edges { node { id } } } }';
    const idsOf = (data: Record<string, unknown>) =>
      (data.events as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
    const before = await statementsSent(platform, 'analytics');
    const { body } = await graphql(
      query,
      { tenantId: sparse.id },
      { url: platform.gatewayUrl, headers: bearer(superToken) },
    );
    // The recent months held two rows of the four asked for (3 + 1): a second pipeline read every month.
    expect((await statementsSent(platform, 'analytics')) - before).toBeGreaterThanOrEqual(4);
    expect(idsOf(body.data!)).toEqual(stored.slice(0, 3).map((event) => event.id));
    const again = await statements('analytics', query, { tenantId: sparse.id }, superToken);
    expect(again.fewest).toBeLessThanOrEqual(2);
    expect(idsOf(again.data)).toEqual(stored.slice(0, 3).map((event) => event.id));
  });

  it('a mutation is one transaction with its audit row and event: BEGIN with the scope, the row, the audit row, the event, COMMIT', async () => {
    const before = await statementsSent(platform, 'crm');
    const { body } = await graphql(
      /* GraphQL */ `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      { input: { email: `one-tx-${randomUUID()}@example.test`, firstName: 'Tess', lastName: 'Action' } },
      { url: platform.gatewayUrl, headers: bearer(actors.admin.token) },
    );
    expect(body.errors).toBeUndefined();
    expect((await statementsSent(platform, 'crm')) - before).toBe(5);
    const id = body.data?.createCustomer.id as string;
    const audit = await db.crm.auditLog.findMany({ where: { entityId: id } });
    expect(audit.map((row) => row.action)).toEqual(['customer.create']);
    const events = await db.crm.domainEvent.findMany({ where: { entityId: id } });
    expect(events.map((event) => event.type)).toEqual(['customer.created']);
  });
});
