import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createCrmCustomer,
  createInvoiceMutation,
  createMetric,
  createPlan,
  dataOf,
  recordUsageMutation,
  subscribe,
  subscribeMutation,
} from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/** Tenant A's ADMIN and CLIENT aim every billing read and write at tenant B's rows. */
const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
let b: TenantActors;
const ofB = { customerId: '', planId: '', subscriptionId: '', invoiceId: '' };
let planOfA: string;

beforeAll(async () => {
  superToken = await superadminToken();
  [a, b] = await Promise.all([
    createTenantWithUsers(superToken, 'bill-ten-a'),
    createTenantWithUsers(superToken, 'bill-ten-b'),
  ]);
  ofB.customerId = await createCrmCustomer(db, b.tenant.id);
  const metric = await createMetric(superToken, b.tenant.id, { code: 'api_calls', aggregation: 'COUNT' });
  const charges = [{ billableMetricId: metric.id, model: 'STANDARD', properties: { unitAmount: '5' } }];
  ofB.planId = (await createPlan(superToken, b.tenant.id, { charges })).id;
  ofB.subscriptionId = (
    await subscribe(b.admin.token, { customerId: ofB.customerId, planId: ofB.planId, startAt: '2026-01-01T00:00:00Z' })
  ).id;
  dataOf(
    await as(b.admin.token, recordUsageMutation, {
      input: {
        subscriptionId: ofB.subscriptionId,
        metric: 'api_calls',
        occurredAt: '2026-01-05T00:00:00Z',
        idempotencyKey: 'b-usage-1',
      },
    }),
  );
  ofB.invoiceId = dataOf(
    await as(superToken, createInvoiceMutation, {
      input: {
        subscriptionId: ofB.subscriptionId,
        periodStart: '2026-01-01T00:00:00Z',
        periodEnd: '2026-02-01T00:00:00Z',
        finalize: true,
      },
    }),
  ).createInvoiceForPeriod.id;
  planOfA = (await createPlan(superToken, a.tenant.id)).id;
}, 60_000);

const snapshotB = async () => {
  const where = { where: { tenantId: b.tenant.id } };
  return Promise.all([
    db.billing.plan.findMany(where),
    db.billing.subscription.findMany(where),
    db.billing.invoice.findMany(where),
    db.billing.usageEvent.findMany(where),
    db.billing.invoiceLineItem.findMany(where),
  ]);
};

describe("tenant B's billing, seen from tenant A", () => {
  it("answers null for B's plan, subscription and invoice, and lists none of B's rows, even when asked for B's tenant", async () => {
    for (const token of [a.admin.token, a.client.token]) {
      const byId = dataOf(
        await as(
          token,
          /* GraphQL */ `query ($plan: ID!, $subscription: ID!, $invoice: ID!) { plan(id: $plan) { id } subscription(id: $subscription) { id } invoice(id: $invoice) { id } }`,
          {
            plan: ofB.planId,
            subscription: ofB.subscriptionId,
            invoice: ofB.invoiceId,
          },
        ),
      );
      expect(byId).toEqual({ plan: null, subscription: null, invoice: null });
      const lists = dataOf(
        await as(
          token,
          /* GraphQL */ `query ($tenantId: ID, $customerId: ID) {
          plans(tenantId: $tenantId) { totalCount } subscriptions(tenantId: $tenantId, filter: { customerId: $customerId }) { totalCount }
          invoices(tenantId: $tenantId) { totalCount } usageEvents(tenantId: $tenantId) { totalCount }
        }`,
          { tenantId: b.tenant.id, customerId: ofB.customerId },
        ),
      );
      expect(Object.values(lists).map((list) => (list as { totalCount: number }).totalCount)).toEqual([0, 0, 0, 0]);
    }
  });

  it("refuses every write aimed at B's rows with NOT_FOUND (ADMIN) or FORBIDDEN (CLIENT), and B is unchanged", async () => {
    const before = await snapshotB();
    const customerOfA = await createCrmCustomer(db, a.tenant.id);
    const subscriptionOfA = (await subscribe(a.admin.token, { customerId: customerOfA, planId: planOfA })).id;
    const attacks: [string, Record<string, unknown>][] = [
      [subscribeMutation, { input: { customerId: ofB.customerId, planId: planOfA } }],
      [subscribeMutation, { input: { customerId: customerOfA, planId: ofB.planId } }],
      [
        `mutation ($id: ID!, $planId: ID!) { changeSubscriptionPlan(id: $id, planId: $planId) { id } }`,
        { id: ofB.subscriptionId, planId: planOfA },
      ],
      [
        `mutation ($id: ID!, $planId: ID!) { changeSubscriptionPlan(id: $id, planId: $planId) { id } }`,
        { id: subscriptionOfA, planId: ofB.planId },
      ],
      [`mutation ($id: ID!) { cancelSubscription(id: $id, atPeriodEnd: false) { id } }`, { id: ofB.subscriptionId }],
      [`mutation ($id: ID!) { cancelSubscription(id: $id, atPeriodEnd: true) { id } }`, { id: ofB.subscriptionId }],
      [`mutation ($id: ID!) { resumeSubscription(id: $id) { id } }`, { id: ofB.subscriptionId }],
      [
        recordUsageMutation,
        {
          input: {
            subscriptionId: ofB.subscriptionId,
            metric: 'api_calls',
            occurredAt: '2026-01-06T00:00:00Z',
            idempotencyKey: 'a-attack-1',
          },
        },
      ],
    ];
    for (const [query, variables] of attacks) {
      expect(errorCode((await as(a.admin.token, query, variables)).body), query).toBe('NOT_FOUND');
      expect(errorCode((await as(a.client.token, query, variables)).body), query).toBe('FORBIDDEN');
    }
    expect(await snapshotB()).toEqual(before);
  });

  it("resolves none of B's rows through _entities, whatever the type", async () => {
    for (const identity of [identityOf('ADMIN', a.tenant.id), identityOf('CLIENT', a.tenant.id)]) {
      const { body } = await subgraphRequest(
        'billing',
        /* GraphQL */ `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Plan { id name } ... on BillingSubscription { id status } ... on Invoice { id total } ... on Customer { id subscriptions { id } } }
      }`,
        {
          identity,
          variables: {
            r: [
              { __typename: 'Plan', id: ofB.planId },
              { __typename: 'BillingSubscription', id: ofB.subscriptionId },
              { __typename: 'Invoice', id: ofB.invoiceId },
              { __typename: 'Customer', id: ofB.customerId },
            ],
          },
        },
      );
      expect(body.data._entities.slice(0, 3)).toEqual([null, null, null]);
      expect(JSON.stringify(body.data)).not.toContain(ofB.customerId);
    }
  });
});

describe('billing joined to CRM', () => {
  it('shows a customer its subscriptions (newest first, at most 50) and a subscription its CRM customer', async () => {
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const start = Date.UTC(2026, 0, 1);
    await db.billing.subscription.createMany({
      data: Array.from({ length: 52 }, (_, i) => ({
        tenantId: a.tenant.id,
        customerId,
        planId: planOfA,
        currentPeriodStart: new Date(start),
        currentPeriodEnd: new Date(start + 30 * 86_400_000),
        createdAt: new Date(start + i * 60_000),
      })),
    });
    const newest = await db.billing.subscription.findMany({
      where: { customerId },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { id: true },
    });
    const { customer } = dataOf(
      await as(
        a.client.token,
        /* GraphQL */ `query ($id: ID!) { customer(id: $id) { id email subscriptions { id plan { id } } } }`,
        { id: customerId },
      ),
    );
    expect(customer.subscriptions.map((subscription: { id: string }) => subscription.id)).toEqual(
      newest.map((row) => row.id),
    );
    expect(customer.subscriptions[0].plan).toEqual({ id: planOfA });
    const { subscription } = dataOf(
      await as(a.admin.token, /* GraphQL */ `query ($id: ID!) { subscription(id: $id) { customer { id email } } }`, {
        id: newest[0]!.id,
      }),
    );
    expect(subscription.customer).toEqual({ id: customerId, email: customer.email });
  });

  it("shows no subscriptions on B's customer, and not the customer itself", async () => {
    const { body } = await as(
      a.admin.token,
      /* GraphQL */ `query ($id: ID!) { customer(id: $id) { id subscriptions { id } } }`,
      { id: ofB.customerId },
    );
    expect(body.data?.customer).toBeNull();
  });

  it("lets B's own ADMIN see the invoice's customer, lines and subscription, and an invoice among its subscription's invoices", async () => {
    const { invoice } = dataOf(
      await as(
        b.admin.token,
        /* GraphQL */ `query ($id: ID!) { invoice(id: $id) { number customer { id } lines { amount } subscription { id invoices(first: 5) { id } } } }`,
        { id: ofB.invoiceId },
      ),
    );
    expect(invoice).toEqual({
      number: 'INV-000001',
      customer: { id: ofB.customerId },
      lines: [{ amount: '49' }, { amount: '5' }],
      subscription: { id: ofB.subscriptionId, invoices: [{ id: ofB.invoiceId }] },
    });
    expect(
      errorCode(
        (await as(b.admin.token, `{ subscription(id: "${ofB.subscriptionId}") { invoices(first: 101) { id } } }`)).body,
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
