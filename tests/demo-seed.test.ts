import { demoTenant, demoUsers } from '@codex/kit';
import { seedAnalyticsDemo } from '@codex/subgraph-analytics';
import { seedAuthDemo } from '@codex/subgraph-auth';
import { seedBillingDemo } from '@codex/subgraph-billing';
import { seedCmsDemo } from '@codex/subgraph-cms';
import { seedCrmDemo } from '@codex/subgraph-crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql as anonymousGraphql } from './support/graphql.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

/** The demo ADMIN sees their own tenant's figures. */
let adminToken: string;
beforeAll(async () => {
  adminToken = await login(demoUsers.admin.email, demoUsers.admin.password);
});
const graphql = (query: string, variables: Record<string, unknown>) =>
  anonymousGraphql(query, variables, { headers: bearer(adminToken) });

const demoQuery = /* GraphQL */ `
  query Demo($id: ID!) {
    tenant(id: $id) {
      slug
      users { total active }
      crm { totalCustomers totalLeads }
      cms { totalContentItems mediaFiles pages }
      billing { activeSubscriptions openInvoices }
      analytics { totalEvents }
    }
  }
`;

describe('demo data (embedded mode)', () => {
  it('gives the demo tenant something to show in every domain', async () => {
    const { body } = await graphql(demoQuery, { id: demoTenant.id });
    const tenant = body.data?.tenant;
    expect(tenant.slug).toBe('demo');
    expect(tenant.users.total).toBeGreaterThanOrEqual(2);
    expect(tenant.crm.totalCustomers).toBeGreaterThan(0);
    expect(tenant.crm.totalLeads).toBeGreaterThan(0);
    expect(tenant.cms.totalContentItems).toBeGreaterThan(0);
    expect(tenant.cms.mediaFiles).toBeGreaterThan(0);
    expect(tenant.cms.pages).toBeGreaterThan(0);
    expect(tenant.billing.activeSubscriptions).toBeGreaterThan(0);
    expect(tenant.analytics.totalEvents).toBeGreaterThan(0);
  });

  it('seeds the three demo logins with memory-hard password hashes', async () => {
    const users = await db.auth.user.findMany({
      where: { OR: [{ username: 'test' }, { email: { in: ['jane.smith@demo.com', 'john.doe@demo.com'] } }] },
      orderBy: { role: 'asc' },
    });
    expect(users.map((user) => [user.role, user.tenantId])).toEqual([
      ['SUPERADMIN', null],
      ['ADMIN', demoTenant.id],
      ['CLIENT', demoTenant.id],
    ]);
    for (const user of users) expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('seeding again (a second start, or two at once) changes nothing', async () => {
    const before = await graphql(demoQuery, { id: demoTenant.id });
    await Promise.all([
      seedAuthDemo(db.auth),
      seedCrmDemo(db.crm),
      seedCmsDemo(db.cms),
      seedBillingDemo(db.billing),
      seedAnalyticsDemo(db.analytics),
      seedCrmDemo(db.crm),
    ]);
    const after = await graphql(demoQuery, { id: demoTenant.id });
    expect(after.body).toEqual(before.body);
  });
});
