import { randomUUID } from 'node:crypto';
import { demoUsers, type RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { startOwnGateway } from './support/own-gateway.ts';
import { freePort, graphqlUrlOf } from './support/service-control.ts';

/**
 * CDX: KPIs combine several subgraphs' summaries through the federated plan (`@requires`), and the
 * platform overview gathers every subgraph's part. A tenant is built through the API with figures
 * small enough to compute by hand.
 */
let superToken: string;
let actors: TenantActors;
const db = connectDatabases();
afterAll(() => db.disconnect());

const tenantFigures = /* GraphQL */ `
  query TenantFigures($id: ID!) {
    tenant(id: $id) {
      id
      users { total active }
      crm { totalCustomers totalLeads }
      billing { revenueAllTime { amount currency } activeSubscriptions trialingSubscriptions pastDueSubscriptions cancelledSubscriptions }
      analytics { eventsLast30d uniqueUsers30d }
      kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
    }
  }
`;

async function as(token: string, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await graphql(query, variables, { headers: bearer(token) });
  if (body.errors || !body.data) throw new Error(JSON.stringify(body));
  return body.data!;
}

beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'cdx');
  const admin = actors.admin.token;
  // 3 customers, 4 leads; 2 subscriptions (one trialing); one invoice of 100.00 paid; 6 events by 2 users.
  await as(
    admin,
    `mutation { createPipeline(input: { name: "Sales", stages: [{ name: "New", probability: 10 }] }) { id } }`,
  );
  const customers: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const data = await as(admin, `mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
      input: { email: `cdx-${i}-${randomUUID()}@example.test`, firstName: 'Kpi', lastName: `${i}`, company: 'Figures' },
    });
    customers.push(data.createCustomer.id);
  }
  for (let i = 0; i < 4; i += 1)
    await as(admin, `mutation L($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
      input: { title: `Deal ${i}`, value: '100.00', currency: 'USD' },
    });
  const paidPlan = await as(superToken, `mutation P($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, {
    input: {
      tenantId: actors.tenant.id,
      name: 'Paid',
      amount: '100.00',
      currency: 'USD',
      interval: 'MONTH',
      intervalCount: 1,
      trialDays: 0,
    },
  });
  const trialPlan = await as(superToken, `mutation P($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, {
    input: {
      tenantId: actors.tenant.id,
      name: 'Trial',
      amount: '50.00',
      currency: 'USD',
      interval: 'MONTH',
      intervalCount: 1,
      trialDays: 14,
    },
  });
  const paid = await as(
    admin,
    `mutation S($input: SubscribeCustomerInput!) { subscribeCustomer(input: $input) { id currentPeriodStart currentPeriodEnd } }`,
    {
      input: { customerId: customers[0], planId: paidPlan.createPlan.id },
    },
  );
  await as(admin, `mutation S($input: SubscribeCustomerInput!) { subscribeCustomer(input: $input) { id } }`, {
    input: { customerId: customers[1], planId: trialPlan.createPlan.id },
  });
  const invoice = await as(
    superToken,
    `mutation I($input: CreateInvoiceForPeriodInput!) { createInvoiceForPeriod(input: $input) { id total } }`,
    {
      input: {
        subscriptionId: paid.subscribeCustomer.id,
        periodStart: paid.subscribeCustomer.currentPeriodStart,
        periodEnd: paid.subscribeCustomer.currentPeriodEnd,
        finalize: true,
      },
    },
  );
  expect(invoice.createInvoiceForPeriod.total).toMatch(/^100(\.0+)?$/);
  await as(superToken, `mutation M($id: ID!) { markInvoicePaid(id: $id) { id } }`, {
    id: invoice.createInvoiceForPeriod.id,
  });
  const users = [randomUUID(), randomUUID()];
  await as(actors.client.token, `mutation E($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }`, {
    events: Array.from({ length: 6 }, (_, i) => ({
      idempotencyKey: `cdx-${i}`,
      name: 'page_view',
      userId: users[i % 2],
    })),
  });
}, 120_000);

describe('Tenant.kpis', () => {
  it('combines the summaries of Auth, CRM, Billing and Analytics exactly', async () => {
    const { tenant } = await as(superToken, tenantFigures, { id: actors.tenant.id });
    expect(tenant.users).toEqual({ total: 2, active: 2 });
    expect(tenant.crm).toEqual({ totalCustomers: 3, totalLeads: 4 });
    expect(tenant.analytics).toEqual({ eventsLast30d: 6, uniqueUsers30d: 2 });
    expect(tenant.kpis).toEqual({
      revenuePerCustomer: [{ amount: '33.33', currency: 'USD' }], // 100.00 / 3, half up
      leadToSubscriptionConversion: '50.00', // 2 subscriptions / 4 leads
      activeUserRatio: '100.00',
      eventsPerActiveUser: '3.00',
    });
  });

  it('moves with a write at once: another customer lowers revenue per customer', async () => {
    await as(actors.admin.token, `mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
      input: { email: `cdx-late-${randomUUID()}@example.test`, firstName: 'Kpi', lastName: 'Late', company: 'Figures' },
    });
    const { tenant } = await as(superToken, tenantFigures, { id: actors.tenant.id });
    expect(tenant.kpis.revenuePerCustomer).toEqual([{ amount: '25.00', currency: 'USD' }]);
  });

  it("is readable by the tenant's own users and by nobody of another tenant", async () => {
    const own = await graphql(tenantFigures, { id: actors.tenant.id }, { headers: bearer(actors.client.token) });
    expect(own.body.data?.tenant.kpis.activeUserRatio).toBe('100.00');
    const other = await graphql(
      tenantFigures,
      { id: actors.tenant.id },
      { headers: bearer(await login(demoUsers.admin.email, demoUsers.admin.password)) },
    );
    expect(other.body.data?.tenant ?? null).toBeNull();
  });
});

describe('platformOverview', () => {
  const overview = /* GraphQL */ `
    query Overview {
      platformOverview {
        users { total active } tenantsByStatus { status count } tenantGrowth { day count }
        crm { totalCustomers totalLeads } customerGrowth { count }
        cms { totalContentItems pages } contentGrowth { count }
        billing { activeSubscriptions revenueAllTime { amount currency } } topTenantsByMrr { tenant { id slug } amount { amount currency } } subscriptionGrowth { count }
        analytics { totalEvents eventsLast30d } topTenantsByEvents { tenant { id slug } events } eventGrowth { count }
        kpis { activeUserRatio leadToSubscriptionConversion revenuePerCustomer { amount currency } eventsPerActiveUser }
      }
    }
  `;

  it('gives SUPERADMINs every subgraph part and the KPIs over the whole platform, even with rows of a tenant Auth does not know', async () => {
    // Billing rows whose tenant is not in Auth (it outlived its tenant): the top list shows it with tenant null.
    const orphanTenant = randomUUID();
    const plan = await db.billing.plan.create({
      data: { tenantId: orphanTenant, name: 'Orphan', amount: '999999.00', currency: 'USD' },
    });
    const start = new Date();
    await db.billing.subscription.create({
      data: {
        tenantId: orphanTenant,
        customerId: randomUUID(),
        planId: plan.id,
        status: 'ACTIVE',
        currentPeriodStart: start,
        currentPeriodEnd: new Date(start.getTime() + 30 * 86_400_000),
      },
    });
    const { platformOverview } = await as(superToken, overview);
    expect(platformOverview.topTenantsByMrr).toContainEqual({
      tenant: null,
      amount: { amount: '999999.00', currency: 'USD' },
    });
    expect(platformOverview.users.total).toBeGreaterThanOrEqual(2);
    expect(platformOverview.tenantsByStatus.map((entry: { status: string }) => entry.status)).toEqual([
      'TRIAL',
      'ACTIVE',
      'SUSPENDED',
      'ARCHIVED',
    ]);
    expect(platformOverview.tenantGrowth).toHaveLength(30);
    expect(platformOverview.tenantGrowth.at(-1).count).toBeGreaterThanOrEqual(1);
    expect(platformOverview.crm.totalCustomers).toBeGreaterThanOrEqual(3);
    expect(platformOverview.eventGrowth).toHaveLength(30);
    expect(platformOverview.kpis.activeUserRatio).toMatch(/^\d+\.\d{2}$/);
  });

  it('is refused to ADMINs (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    expect(errorCode((await graphql(overview, {}, { headers: bearer(actors.admin.token) })).body)).toBe('FORBIDDEN');
    expect(errorCode((await graphql(overview)).body)).toBe('UNAUTHENTICATED');
  });
});

describe('with Billing down', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startOwnGateway({}, { billing: graphqlUrlOf(await freePort()) });
  });
  afterAll(() => gateway?.stop());

  it('answers the other summaries; Billing and the KPIs (which need it) are null, with an error naming Billing', async () => {
    const { status, body } = await graphql(
      tenantFigures,
      { id: actors.tenant.id },
      { url: gateway.url, headers: bearer(superToken) },
    );
    expect(status).toBe(200);
    const tenant = body.data?.tenant;
    expect(tenant.billing).toBeNull();
    expect(tenant.users).toEqual({ total: 2, active: 2 });
    expect(tenant.crm.totalCustomers).toBeGreaterThanOrEqual(3);
    expect(tenant.analytics.uniqueUsers30d).toBe(2);
    expect(
      body.errors?.some(
        (error) => error.extensions?.serviceName === 'billing' && error.extensions?.code === 'SERVICE_UNAVAILABLE',
      ),
    ).toBe(true);
    // The plan cannot fetch what `kpis` requires from Billing, so CDX is not asked: null, with Billing's error.
    expect(tenant.kpis).toBeNull();
  });
});
