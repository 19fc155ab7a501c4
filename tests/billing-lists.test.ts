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
} from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let t: TenantActors;
let plans: { monthly: string; yearly: string };
let subscriptions: { id: string; customerId: string; status: string }[];

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

beforeAll(async () => {
  superToken = await superadminToken();
  t = await createTenantWithUsers(superToken, 'bill-lists');
  plans = {
    monthly: (await createPlan(superToken, t.tenant.id, { trialDays: 0 })).id,
    yearly: (await createPlan(superToken, t.tenant.id, { interval: 'YEAR' })).id,
  };
  subscriptions = [];
  for (const [planId, startAt, trialDays] of [
    [plans.monthly, '2026-01-10T00:00:00Z', 0],
    [plans.yearly, '2026-02-10T00:00:00Z', 0],
    [plans.monthly, '2026-03-10T00:00:00Z', 10],
  ] as const) {
    const customerId = await createCrmCustomer(db, t.tenant.id);
    subscriptions.push({ ...(await subscribe(t.admin.token, { customerId, planId, startAt, trialDays })), customerId });
  }
}, 60_000);

describe('subscription lists', () => {
  const query = /* GraphQL */ `query ($filter: SubscriptionFilter, $orderBy: SubscriptionOrder, $first: Int, $after: String) {
    subscriptions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
  }`;

  it('filter on status, plan, customer and scheduled cancellation', async () => {
    const list = async (filter: Record<string, unknown>) =>
      ids(dataOf(await as(t.client.token, query, { filter })).subscriptions);
    expect(await list({ status: 'TRIALING' })).toEqual([subscriptions[2]!.id]);
    expect(await list({ planId: plans.monthly })).toEqual([subscriptions[0]!.id, subscriptions[2]!.id]);
    expect(await list({ customerId: subscriptions[1]!.customerId })).toEqual([subscriptions[1]!.id]);
    expect(await list({ customerId: 'not-an-id' })).toEqual([]);
    dataOf(
      await as(
        t.admin.token,
        `mutation { cancelSubscription(id: "${subscriptions[1]!.id}", atPeriodEnd: true) { id } }`,
      ),
    );
    expect(await list({ cancelAtPeriodEnd: true })).toEqual([subscriptions[1]!.id]);
  });

  it('sort by the end of the current period, latest first, across pages', async () => {
    const orderBy = { field: 'CURRENT_PERIOD_END', direction: 'DESC' };
    const first = dataOf(await as(t.admin.token, query, { orderBy, first: 2 })).subscriptions;
    const rest = dataOf(
      await as(t.admin.token, query, { orderBy, first: 2, after: first.pageInfo.endCursor }),
    ).subscriptions;
    // Yearly ends 2027-02-10; the trial one's period ends 2026-04-20; the first monthly one 2026-02-10.
    expect([...ids(first), ...ids(rest)]).toEqual([subscriptions[1]!.id, subscriptions[2]!.id, subscriptions[0]!.id]);
    expect([first.pageInfo.hasNextPage, rest.pageInfo.hasNextPage]).toEqual([true, false]);
  });
});

describe('usage events', () => {
  beforeAll(async () => {
    await createMetric(superToken, t.tenant.id, { code: 'api_calls', aggregation: 'SUM', fieldName: 'calls' });
    await createMetric(superToken, t.tenant.id, { code: 'sms', aggregation: 'COUNT' });
    await createMetric(superToken, t.tenant.id, { code: 'email', aggregation: 'COUNT' });
  });
  let keys = 0;
  const usage = (input: Record<string, unknown>, token = t.admin.token) =>
    as(token, recordUsageMutation, {
      input: {
        subscriptionId: subscriptions[0]!.id,
        metric: 'api_calls',
        properties: { calls: 10 },
        occurredAt: '2026-01-15T00:00:00Z',
        idempotencyKey: `key-${++keys}`,
        ...input,
      },
    });

  it('is recorded once per idempotency key: a retry answers with the first event', async () => {
    const first = dataOf(await usage({ idempotencyKey: 'retry-1', properties: { calls: 7 } })).recordUsage;
    const retry = dataOf(await usage({ idempotencyKey: 'retry-1', properties: { calls: 7 } })).recordUsage;
    expect(retry.id).toBe(first.id);
    expect(first).toMatchObject({ value: '7', occurredAt: '2026-01-15T00:00:00.000Z', metricCode: 'api_calls' });
    expect(await db.billing.usageEvent.count({ where: { idempotencyKey: 'retry-1', tenantId: t.tenant.id } })).toBe(1);
    expect(await db.billing.auditLog.count({ where: { entityId: first.id, action: 'usage.record' } })).toBe(1);
    const elsewhere = await usage({ idempotencyKey: 'retry-1', subscriptionId: subscriptions[1]!.id });
    expect([errorCode(elsewhere.body), elsewhere.body.errors?.[0]?.extensions?.field]).toEqual([
      'CONFLICT',
      'input.idempotencyKey',
    ]);
  });

  it.each([
    [{ properties: { calls: -1 } }, 'input.properties.calls'],
    [{ properties: { calls: 'many' } }, 'input.properties.calls'],
    [{ metric: 'API Calls' }, 'input.metric'],
    [{ metric: 'unknown_metric' }, 'input.metric'],
    [{ occurredAt: '2999-01-01T00:00:00Z' }, 'input.occurredAt'],
    [{ occurredAt: '2025-12-31T00:00:00Z' }, 'input.occurredAt'],
  ])('refuses %j with BAD_USER_INPUT on %s', async (input, field) => {
    const { body } = await usage(input);
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
  });

  it('is refused to a CLIENT (FORBIDDEN) and after the subscription was cancelled', async () => {
    expect(errorCode((await usage({}, t.client.token)).body)).toBe('FORBIDDEN');
    const customerId = await createCrmCustomer(db, t.tenant.id);
    const cancelled = await subscribe(t.admin.token, {
      customerId,
      planId: plans.monthly,
      startAt: '2026-01-01T00:00:00Z',
    });
    dataOf(
      await as(t.admin.token, `mutation { cancelSubscription(id: "${cancelled.id}", atPeriodEnd: false) { id } }`),
    );
    const late = await usage({ subscriptionId: cancelled.id, occurredAt: new Date().toISOString() });
    expect([errorCode(late.body), late.body.errors?.[0]?.extensions?.field]).toEqual([
      'BAD_USER_INPUT',
      'input.occurredAt',
    ]);
  });

  it('lists by subscription, metric and time window', async () => {
    const subscriptionId = subscriptions[2]!.id;
    const recorded = [];
    for (const [metric, occurredAt] of [
      ['sms', '2026-03-12T00:00:00Z'],
      ['email', '2026-03-13T00:00:00Z'],
      ['sms', '2026-05-01T00:00:00Z'],
    ] as const) {
      recorded.push(dataOf(await usage({ subscriptionId, metric, occurredAt, properties: {} })).recordUsage.id);
    }
    const list = async (filter: Record<string, unknown>) =>
      ids(
        dataOf(
          await as(
            t.client.token,
            /* GraphQL */ `query ($filter: UsageEventFilter) { usageEvents(filter: $filter) { edges { node { id } } } }`,
            { filter },
          ),
        ).usageEvents,
      );
    expect(await list({ subscriptionId })).toEqual(recorded);
    expect(await list({ subscriptionId, metric: 'sms' })).toEqual([recorded[0], recorded[2]]);
    expect(await list({ subscriptionId, to: '2026-04-01T00:00:00Z' })).toEqual(recorded.slice(0, 2));
    expect(await list({ subscriptionId, from: '2026-04-01T00:00:00Z' })).toEqual([recorded[2]]);
  });
});

describe('invoice lists', () => {
  it('filter on status, customer, subscription and due date, and sort by number or total', async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-inv-list');
    const plan = await createPlan(superToken, tenant.tenant.id, { amount: '10' });
    const subscription = await subscribe(tenant.admin.token, {
      customerId: await createCrmCustomer(db, tenant.tenant.id),
      planId: plan.id,
      startAt: '2026-01-01T00:00:00Z',
    });
    const created = [];
    for (const [month, dueDate, finalize, taxRate] of [
      [0, '2026-02-15T00:00:00Z', true, '0'],
      [1, '2026-03-15T00:00:00Z', true, '50'],
      [2, null, false, '10'],
    ] as const) {
      const input = {
        subscriptionId: subscription.id,
        periodStart: new Date(Date.UTC(2026, month, 1)).toISOString(),
        periodEnd: new Date(Date.UTC(2026, month + 1, 1)).toISOString(),
        dueDate,
        finalize,
        taxRate,
      };
      created.push(dataOf(await as(superToken, createInvoiceMutation, { input })).createInvoiceForPeriod.id as string);
    }
    const query = /* GraphQL */ `query ($filter: InvoiceFilter, $orderBy: InvoiceOrder) { invoices(filter: $filter, orderBy: $orderBy) { edges { node { id number total } } } }`;
    const list = async (variables: Record<string, unknown>) =>
      ids(dataOf(await as(tenant.admin.token, query, variables)).invoices);
    expect(await list({ filter: { status: 'OPEN' } })).toEqual(created.slice(0, 2));
    expect(await list({ filter: { dueBefore: '2026-03-01T00:00:00Z' } })).toEqual([created[0]]);
    expect(await list({ filter: { subscriptionId: subscription.id, customerId: subscription.customer.id } })).toEqual(
      created,
    );
    expect(await list({ orderBy: { field: 'NUMBER', direction: 'DESC' } })).toEqual([...created].reverse());
    expect(await list({ orderBy: { field: 'TOTAL', direction: 'ASC' } })).toEqual([created[0], created[2], created[1]]);
  });

  it("keeps the audit trail of the ADMIN's own tenant, and none for a CLIENT", async () => {
    const trail = dataOf(
      await as(t.admin.token, `{ billingAuditLog(first: 100) { totalCount edges { node { tenantId action } } } }`),
    ).billingAuditLog;
    expect(trail.totalCount).toBeGreaterThan(0);
    expect(new Set(trail.edges.map((edge: { node: { tenantId: string } }) => edge.node.tenantId))).toEqual(
      new Set([t.tenant.id]),
    );
    expect(errorCode((await as(t.client.token, `{ billingAuditLog { totalCount } }`)).body)).toBe('FORBIDDEN');
  });
});
