import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createCrmCustomer,
  createPlan,
  dataOf,
  subscribe,
  subscribeMutation,
  subscriptionFields,
} from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
let b: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  [a, b] = await Promise.all([
    createTenantWithUsers(superToken, 'bill-sub-a'),
    createTenantWithUsers(superToken, 'bill-sub-b'),
  ]);
});

const changePlan = /* GraphQL */ `mutation ($id: ID!, $planId: ID!) { changeSubscriptionPlan(id: $id, planId: $planId) { ${subscriptionFields} } }`;
const cancel = /* GraphQL */ `mutation ($id: ID!, $atPeriodEnd: Boolean!, $reason: String) { cancelSubscription(id: $id, atPeriodEnd: $atPeriodEnd, reason: $reason) { ${subscriptionFields} } }`;
const resume = /* GraphQL */ `mutation ($id: ID!) { resumeSubscription(id: $id) { ${subscriptionFields} } }`;

describe('subscribing a customer', () => {
  it("starts a trial of the plan's days (TRIALING); the first period starts when the trial ends", async () => {
    const plan = await createPlan(superToken, a.tenant.id, { trialDays: 14 });
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const subscription = await subscribe(a.admin.token, {
      customerId,
      planId: plan.id,
      startAt: '2026-01-31T10:00:00.000Z',
    });
    expect(subscription).toMatchObject({
      tenantId: a.tenant.id,
      status: 'TRIALING',
      trialStart: '2026-01-31T10:00:00.000Z',
      trialEnd: '2026-02-14T10:00:00.000Z',
      currentPeriodStart: '2026-02-14T10:00:00.000Z',
      currentPeriodEnd: '2026-03-14T10:00:00.000Z',
      cancelAtPeriodEnd: false,
      plan: { id: plan.id },
      customer: { id: customerId },
    });
  });

  it.each([
    ['2027-01-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z'],
    ['2028-01-31T08:30:00.000Z', '2028-02-29T08:30:00.000Z'],
    ['2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z'],
    ['2026-12-15T00:00:00.000Z', '2027-01-15T00:00:00.000Z'],
  ])('is ACTIVE at once without a trial; a month from %s ends %s (month ends clamp)', async (startAt, end) => {
    const plan = await createPlan(superToken, a.tenant.id, { trialDays: 30 });
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const subscription = await subscribe(a.admin.token, { customerId, planId: plan.id, startAt, trialDays: 0 });
    expect(subscription).toMatchObject({
      status: 'ACTIVE',
      trialStart: null,
      trialEnd: null,
      currentPeriodStart: startAt,
      currentPeriodEnd: end,
    });
  });

  it('counts calendar years for yearly plans: two years from Feb 29 end on Feb 28', async () => {
    const plan = await createPlan(superToken, a.tenant.id, { interval: 'YEAR', intervalCount: 2 });
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const subscription = await subscribe(a.admin.token, {
      customerId,
      planId: plan.id,
      startAt: '2028-02-29T00:00:00.000Z',
    });
    expect(subscription.currentPeriodEnd).toBe('2030-02-28T00:00:00.000Z');
  });

  it.each([
    ['missing', async () => randomUUID()],
    ['of another tenant (asked of CRM as the caller)', async () => createCrmCustomer(db, b.tenant.id)],
    ['not an id', async () => 'not-a-uuid'],
  ])('refuses a customer that is %s with NOT_FOUND on input.customerId, creating nothing', async (_case, customer) => {
    const plan = await createPlan(superToken, a.tenant.id);
    const customerId = await customer();
    const { body } = await as(a.admin.token, subscribeMutation, { input: { customerId, planId: plan.id } });
    expect(errorCode(body)).toBe('NOT_FOUND');
    expect(body.errors?.[0]?.extensions?.field).toBe('input.customerId');
    expect(await db.billing.subscription.count({ where: { planId: plan.id } })).toBe(0);
  });

  it('refuses a plan of another tenant or a missing one (NOT_FOUND) and an archived plan (BAD_USER_INPUT)', async () => {
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const foreign = await createPlan(superToken, b.tenant.id);
    for (const planId of [foreign.id, randomUUID()]) {
      const { body } = await as(a.admin.token, subscribeMutation, { input: { customerId, planId } });
      expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['NOT_FOUND', 'input.planId']);
    }
    const archived = await createPlan(superToken, a.tenant.id);
    dataOf(
      await as(superToken, /* GraphQL */ `mutation ($id: ID!) { archivePlan(id: $id) { active } }`, {
        id: archived.id,
      }),
    );
    const { body } = await as(a.admin.token, subscribeMutation, { input: { customerId, planId: archived.id } });
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'input.planId']);
  });

  it("lets the SUPERADMIN subscribe in the plan's tenant, but not a customer of another tenant", async () => {
    const plan = await createPlan(superToken, a.tenant.id);
    const own = await createCrmCustomer(db, a.tenant.id);
    expect((await subscribe(superToken, { customerId: own, planId: plan.id })).tenantId).toBe(a.tenant.id);
    const { body } = await as(superToken, subscribeMutation, {
      input: { customerId: await createCrmCustomer(db, b.tenant.id), planId: plan.id },
    });
    expect(errorCode(body)).toBe('NOT_FOUND');
  });

  it('validates its input with field paths', async () => {
    const plan = await createPlan(superToken, a.tenant.id);
    const customerId = await createCrmCustomer(db, a.tenant.id);
    for (const [input, field] of [
      [{ trialDays: -1 }, 'input.trialDays'],
      [{ quantity: 0 }, 'input.quantity'],
    ] as const) {
      const { body } = await as(a.admin.token, subscribeMutation, { input: { customerId, planId: plan.id, ...input } });
      expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
  });
});

describe('dates past what a DateTime holds', () => {
  const listSubscriptions = /* GraphQL */ `query { subscriptions(first: 100) { totalCount edges { node { ${subscriptionFields} } } } }`;

  it.each([
    ['with a trial', 14],
    ['without a trial', 0],
  ])(
    'a startAt of 9999-12-15 (%s) is BAD_USER_INPUT, writes nothing, and the tenant’s subscriptions still read',
    async (_label, trialDays) => {
      const tenant = await createTenantWithUsers(superToken, 'bill-sub-9999');
      const plan = await createPlan(superToken, tenant.tenant.id, { trialDays });
      const customerId = await createCrmCustomer(db, tenant.tenant.id);
      const { body } = await as(tenant.admin.token, subscribeMutation, {
        input: { customerId, planId: plan.id, startAt: '9999-12-15T00:00:00.000Z' },
      });
      expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'input.startAt']);
      expect(await db.billing.subscription.count({ where: { tenantId: tenant.tenant.id } })).toBe(0);
      expect(
        await db.billing.auditLog.count({ where: { tenantId: tenant.tenant.id, entityType: 'Subscription' } }),
      ).toBe(0);
      const listed = dataOf(await as(tenant.admin.token, listSubscriptions));
      expect(listed.subscriptions.totalCount).toBe(0);
    },
  );

  it('a startAt whose period still ends in 9999 is accepted', async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-sub-9998');
    const plan = await createPlan(superToken, tenant.tenant.id);
    const customerId = await createCrmCustomer(db, tenant.tenant.id);
    const subscription = await subscribe(tenant.admin.token, {
      customerId,
      planId: plan.id,
      startAt: '9999-11-15T00:00:00.000Z',
    });
    expect(subscription).toMatchObject({ currentPeriodEnd: '9999-12-15T00:00:00.000Z' });
    expect(dataOf(await as(tenant.admin.token, listSubscriptions)).subscriptions.totalCount).toBe(1);
  });
});

describe('changing and cancelling a subscription', () => {
  it('changes to another plan of the same currency, keeping the cycle when the interval is the same', async () => {
    const [monthly, other, euro] = await Promise.all([
      createPlan(superToken, a.tenant.id, { amount: '10.00' }),
      createPlan(superToken, a.tenant.id, { amount: '20.00' }),
      createPlan(superToken, a.tenant.id, { currency: 'EUR' }),
    ]);
    const subscription = await subscribe(a.admin.token, {
      customerId: await createCrmCustomer(db, a.tenant.id),
      planId: monthly.id,
      startAt: '2026-05-10T00:00:00.000Z',
    });
    const changed = dataOf(
      await as(a.admin.token, changePlan, { id: subscription.id, planId: other.id }),
    ).changeSubscriptionPlan;
    expect(changed).toMatchObject({
      plan: { id: other.id },
      currentPeriodStart: subscription.currentPeriodStart,
      currentPeriodEnd: subscription.currentPeriodEnd,
    });
    const { body } = await as(a.admin.token, changePlan, { id: subscription.id, planId: euro.id });
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'planId']);
  });

  it('starts a new period now when the new plan bills on another interval', async () => {
    const [monthly, yearly] = await Promise.all([
      createPlan(superToken, a.tenant.id),
      // Dearer per month than the monthly plan: an upgrade, which takes effect at once.
      createPlan(superToken, a.tenant.id, { interval: 'YEAR', amount: '1000.00' }),
    ]);
    const subscription = await subscribe(a.admin.token, {
      customerId: await createCrmCustomer(db, a.tenant.id),
      planId: monthly.id,
      startAt: '2026-01-15T00:00:00.000Z',
    });
    const before = Date.now();
    const changed = dataOf(
      await as(a.admin.token, changePlan, { id: subscription.id, planId: yearly.id }),
    ).changeSubscriptionPlan;
    const start = new Date(changed.currentPeriodStart);
    expect(start.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const end = new Date(changed.currentPeriodEnd);
    expect([end.getUTCFullYear() - start.getUTCFullYear(), end.getUTCMonth() - start.getUTCMonth()]).toEqual([1, 0]);
  });

  it('cancels at the period end (still active, resumable), then resumes', async () => {
    const plan = await createPlan(superToken, a.tenant.id);
    const subscription = await subscribe(a.admin.token, {
      customerId: await createCrmCustomer(db, a.tenant.id),
      planId: plan.id,
    });
    const scheduled = dataOf(
      await as(a.admin.token, cancel, { id: subscription.id, atPeriodEnd: true, reason: 'Budget' }),
    ).cancelSubscription;
    expect(scheduled).toMatchObject({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
      cancelledAt: null,
      cancelReason: 'Budget',
    });
    const resumed = dataOf(await as(a.admin.token, resume, { id: subscription.id })).resumeSubscription;
    expect(resumed).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: false, cancelReason: null });
    const again = await as(a.admin.token, resume, { id: subscription.id });
    expect(errorCode(again.body)).toBe('BAD_USER_INPUT');
  });

  it('cancels now: CANCELLED with cancelledAt; then it cannot resume, change plan or cancel again', async () => {
    const [plan, other] = await Promise.all([createPlan(superToken, a.tenant.id), createPlan(superToken, a.tenant.id)]);
    const subscription = await subscribe(a.admin.token, {
      customerId: await createCrmCustomer(db, a.tenant.id),
      planId: plan.id,
    });
    const cancelled = dataOf(
      await as(a.admin.token, cancel, { id: subscription.id, atPeriodEnd: false, reason: 'Closed account' }),
    ).cancelSubscription;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelAtPeriodEnd: false, cancelReason: 'Closed account' });
    expect(Math.abs(new Date(cancelled.cancelledAt).getTime() - Date.now())).toBeLessThan(60_000);
    for (const [query, variables] of [
      [resume, { id: subscription.id }],
      [changePlan, { id: subscription.id, planId: other.id }],
      [cancel, { id: subscription.id, atPeriodEnd: false }],
    ] as const) {
      const { body } = await as(a.admin.token, query, variables);
      expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'id']);
    }
  });

  it('audits every subscription write with who, what and the request', async () => {
    const plan = await createPlan(superToken, a.tenant.id);
    const subscription = await subscribe(a.admin.token, {
      customerId: await createCrmCustomer(db, a.tenant.id),
      planId: plan.id,
    });
    dataOf(await as(a.admin.token, cancel, { id: subscription.id, atPeriodEnd: true }));
    const rows = await db.billing.auditLog.findMany({
      where: { entityId: subscription.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((row) => [row.action, row.actorId, row.actorRole, row.tenantId])).toEqual([
      ['subscription.create', a.admin.id, 'ADMIN', a.tenant.id],
      ['subscription.cancel_at_period_end', a.admin.id, 'ADMIN', a.tenant.id],
    ]);
    expect(rows.every((row) => typeof row.requestId === 'string')).toBe(true);
    const trail = dataOf(
      await as(
        a.admin.token,
        /* GraphQL */ `query ($id: ID!) { billingAuditLog(entityId: $id) { totalCount edges { node { action changes } } } }`,
        { id: subscription.id },
      ),
    );
    expect(trail.billingAuditLog.totalCount).toBe(2);
    expect(JSON.parse(trail.billingAuditLog.edges[0].node.changes)).toMatchObject({
      planId: plan.id,
      status: 'ACTIVE',
    });
  });
});

describe('who may write subscriptions', () => {
  it('refuses every subscription write to a CLIENT (FORBIDDEN), who still reads them', async () => {
    const plan = await createPlan(superToken, a.tenant.id);
    const customerId = await createCrmCustomer(db, a.tenant.id);
    const subscription = await subscribe(a.admin.token, { customerId, planId: plan.id });
    for (const [query, variables] of [
      [subscribeMutation, { input: { customerId, planId: plan.id } }],
      [changePlan, { id: subscription.id, planId: plan.id }],
      [cancel, { id: subscription.id, atPeriodEnd: false }],
      [resume, { id: subscription.id }],
    ] as const) {
      expect(errorCode((await as(a.client.token, query, variables)).body)).toBe('FORBIDDEN');
    }
    const read = dataOf(
      await as(a.client.token, /* GraphQL */ `query ($id: ID!) { subscription(id: $id) { id status } }`, {
        id: subscription.id,
      }),
    );
    expect(read.subscription).toEqual({ id: subscription.id, status: 'ACTIVE' });
  });
});
