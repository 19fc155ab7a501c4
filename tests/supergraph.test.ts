import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, superadminToken } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql as anonymousGraphql, type GraphQLResponse } from './support/graphql.ts';
import { createTenant } from './support/tenant-fixture.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
beforeAll(async () => {
  superToken = await superadminToken();
});

/** These tests look at the whole platform, as its operators do. */
const graphql = (
  query: string,
  variables: Record<string, unknown> = {},
  options: { headers?: Record<string, string> } = {},
) => anonymousGraphql(query, variables, { headers: { ...bearer(superToken), ...options.headers } });

const tenantSummary = /* GraphQL */ `
  query TenantSummary($id: ID!) {
    tenant(id: $id) {
      id slug name status planTier createdAt
      users { total active lastActivityAt }
      crm { totalCustomers totalLeads openLeads }
      cms { totalContentItems publishedContentItems mediaFiles pages }
      billing { activeSubscriptions openInvoices }
      analytics { totalEvents eventsLast24h }
    }
  }
`;

describe('the Tenant entity across five subgraphs', () => {
  const lastLogin = new Date('2026-03-01T10:00:00.000Z');
  let tenantId: string;

  beforeAll(async () => {
    const tenant = await createTenant(db, {
      users: [
        { active: true, lastLoginAt: lastLogin },
        { active: true },
        { active: false, lastLoginAt: new Date('2026-01-01T00:00:00Z') },
      ],
      customers: 7,
      leads: ['OPEN', 'OPEN', 'WON', 'LOST'],
      contentItems: ['DRAFT', 'PUBLISHED', 'PUBLISHED', 'ARCHIVED'],
      mediaFiles: 2,
      pages: 3,
      subscriptions: ['ACTIVE', 'ACTIVE', 'TRIALING', 'CANCELLED'],
      invoices: ['OPEN', 'PAID', 'OPEN', 'DRAFT'],
      eventAgesHours: [1, 5, 23, 30, 200],
    });
    tenantId = tenant.id;
  });

  it('answers one query with each subgraph contributing the figures of its own database', async () => {
    const { status, body } = await graphql(tenantSummary, { id: tenantId });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.tenant).toEqual({
      id: tenantId,
      slug: expect.stringMatching(/^test-/),
      name: expect.stringMatching(/^Test tenant/),
      status: 'ACTIVE',
      planTier: 'FREE',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      users: { total: 3, active: 2, lastActivityAt: lastLogin.toISOString() },
      crm: { totalCustomers: 7, totalLeads: 4, openLeads: 2 },
      cms: { totalContentItems: 4, publishedContentItems: 2, mediaFiles: 2, pages: 3 },
      billing: { activeSubscriptions: 2, openInvoices: 2 },
      analytics: { totalEvents: 5, eventsLast24h: 3 },
    });
  });

  it('sees a write at once (no caching of domain data)', async () => {
    const before = await graphql(tenantSummary, { id: tenantId });
    await db.crm.customer.create({
      data: { tenantId, email: `late-${Date.now()}@example.test`, firstName: 'Late', lastName: 'Comer' },
    });
    const after = await graphql(tenantSummary, { id: tenantId });
    expect(after.body.data?.tenant.crm.totalCustomers).toBe(before.body.data?.tenant.crm.totalCustomers + 1);
  });

  it('answers a tenant with no rows anywhere with zeros, not nulls', async () => {
    const empty = await createTenant(db);
    const { body } = await graphql(tenantSummary, { id: empty.id });
    expect(body.data?.tenant).toMatchObject({
      users: { total: 0, active: 0, lastActivityAt: null },
      crm: { totalCustomers: 0, totalLeads: 0, openLeads: 0 },
      cms: { totalContentItems: 0, publishedContentItems: 0, mediaFiles: 0, pages: 0 },
      billing: { activeSubscriptions: 0, openInvoices: 0 },
      analytics: { totalEvents: 0, eventsLast24h: 0 },
    });
  });

  it.each(['00000000-0000-4000-8000-000000000999', 'not-a-uuid', "'; DROP TABLE tenants; --"])(
    'answers tenant(id: %j) that does not exist with null and no error',
    async (id) => {
      const { status, body } = await graphql(tenantSummary, { id });
      expect(status).toBe(200);
      expect(body).toEqual({ data: { tenant: null } });
    },
  );
});

describe('tenants connection', () => {
  const page = /* GraphQL */ `
    query Tenants($first: Int, $after: String) {
      tenants(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id crm { totalCustomers } } }
      }
    }
  `;

  it('walks every tenant exactly once, page by page, with summaries batched per page', async () => {
    await Promise.all([createTenant(db, { customers: 1 }), createTenant(db, { customers: 2 }), createTenant(db)]);
    const first = await graphql(page, { first: 100 });
    const total = first.body.data?.tenants.totalCount as number;
    expect(total).toBeGreaterThanOrEqual(6);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: GraphQLResponse = await graphql(page, { first: 2, after });
      expect(response.body.errors).toBeUndefined();
      const connection = response.body.data?.tenants;
      expect(connection.edges.length).toBeLessThanOrEqual(2);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      for (const edge of connection.edges) {
        seen.push(edge.node.id);
        expect(edge.node.crm.totalCustomers).toEqual(expect.any(Number));
      }
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 1000);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(total);
  });

  it.each([
    [{ first: -1 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 5, after: 'garbage' }, 'after'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (variables, field) => {
    const { body } = await graphql(page, variables);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('gateway', () => {
  it('serves Apollo Sandbox to a browser on GET /graphql', async () => {
    const response = await fetch(inject('gatewayUrl'), { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('embeddable-sandbox');
  });

  it('keeps the caller request id, or makes one, and returns it', async () => {
    const given = await graphql('{ __typename }', {}, { headers: { 'x-request-id': 'client-req-0001' } });
    expect(given.headers.get('x-request-id')).toBe('client-req-0001');
    const made = await graphql('{ __typename }', {}, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an invalid query with a stable code', async () => {
    const { body } = await graphql('{ tenants { nope } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
