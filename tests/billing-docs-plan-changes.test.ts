import { runBillingClock } from '@codex/subgraph-billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCrmCustomer, createPlan, dataOf, subscribe } from './support/billing-fixture.ts';
import { clockDatabases } from './support/billing-clock.ts';
import { connectDatabases } from './support/databases.ts';

const db = connectDatabases();
const clock = clockDatabases();
afterAll(() => Promise.all([db.disconnect(), clock.disconnect()]));

const dayMs = 86_400_000;
let superToken: string;
let a: TenantActors;
let basic: { id: string };
let pro: { id: string };
let metered: { id: string };
let meteredPro: { id: string };
beforeAll(async () => {
  superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-docs-change');
  const metric = dataOf(
    await as(superToken, createMetric, {
      input: { code: 'api_calls', name: 'API calls', aggregation: 'COUNT', tenantId: a.tenant.id },
    }),
  ).createBillableMetric as { id: string };
  // A plan with one charge: `unitAmount` per API call.
  const perCall = (name: string, amount: string, unitAmount: string) =>
    createPlan(
      superToken,
      a.tenant.id,
      Object.assign(
        { name, amount },
        { charges: [{ billableMetricId: metric.id, model: 'STANDARD', properties: { unitAmount } }] },
      ),
    );
  [basic, pro, metered, meteredPro] = await Promise.all([
    createPlan(superToken, a.tenant.id, { name: 'Basic', amount: '30.0000' }),
    createPlan(superToken, a.tenant.id, { name: 'Pro', amount: '90.0000' }),
    perCall('Metered', '30.0000', '0.10'),
    perCall('Metered Pro', '90.0000', '0.05'),
  ]);
});

const createMetric = /* GraphQL */ `mutation ($input: CreateBillableMetricInput!) { createBillableMetric(input: $input) { id } }`;
const recordUsage = /* GraphQL */ `mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { id } }`;

const fields =
  'id status plan { id } scheduledPlan { id } currentPeriodStart currentPeriodEnd usageBilledThrough invoices { id billingReason status total lines { kind amount } }';
const changePlan = /* GraphQL */ `mutation ($id: ID!, $planId: ID!, $options: ChangeSubscriptionPlanOptions) {
  changeSubscriptionPlan(id: $id, planId: $planId, options: $options) { ${fields} }
}`;
const cancelScheduled = /* GraphQL */ `mutation ($id: ID!) { cancelScheduledPlanChange(id: $id) { ${fields} } }`;

/**
 * A subscription to `planId` whose current period is exactly 30 days and has 10 of them behind it
 * (the period is set in the database: calendar months are 28–31 days long). Times are whole seconds.
 */
async function onDay10(planId: string) {
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * dayMs);
  const subscription = await subscribe(a.admin.token, {
    customerId: await createCrmCustomer(db, a.tenant.id),
    planId,
    startAt: start.toISOString(),
  });
  const period = { currentPeriodStart: start, currentPeriodEnd: new Date(start.getTime() + 30 * dayMs) };
  await db.billing.subscription.update({
    where: { id: subscription.id },
    data: { ...period, usageBilledThrough: start },
  });
  return { id: subscription.id, start, day10: new Date(start.getTime() + 10 * dayMs), end: period.currentPeriodEnd };
}

const pendingItems = (subscriptionId: string) =>
  db.billing.pendingInvoiceItem.findMany({ where: { subscriptionId }, orderBy: { sourceKey: 'asc' } });

describe('an upgrade on day 10 of 30', () => {
  it('NEXT_INVOICE: credits 20/30 of Basic and charges 20/30 of Pro as pending items, to the second', async () => {
    const subscription = await onDay10(basic.id);
    const options = { proration: 'NEXT_INVOICE', prorationDate: subscription.day10.toISOString() };
    const changed = dataOf(await as(a.admin.token, changePlan, { id: subscription.id, planId: pro.id, options }))
      .changeSubscriptionPlan as Record<string, unknown>;
    expect(changed).toMatchObject({
      plan: { id: pro.id },
      scheduledPlan: null,
      usageBilledThrough: subscription.day10.toISOString(),
      currentPeriodEnd: subscription.end.toISOString(),
    });
    const items = await pendingItems(subscription.id);
    expect(
      items.map((item) => [item.kind, item.amount.toFixed(2), item.periodStart, item.periodEnd, item.invoiceId]),
    ).toEqual([
      ['PRORATION_CREDIT', '-20.00', subscription.day10, subscription.end, null],
      ['PRORATION_CHARGE', '60.00', subscription.day10, subscription.end, null],
    ]);
  });

  it('keeps working with two arguments: an upgrade takes effect now, prorated on the next invoice', async () => {
    const subscription = await onDay10(basic.id);
    const changed = dataOf(await as(a.admin.token, changePlan, { id: subscription.id, planId: pro.id }))
      .changeSubscriptionPlan as { plan: { id: string }; usageBilledThrough: string };
    expect(changed.plan.id).toBe(pro.id);
    // Proration runs from the moment of the call: a little under 20 days are left.
    const items = await pendingItems(subscription.id);
    expect(items.map((item) => item.kind)).toEqual(['PRORATION_CREDIT', 'PRORATION_CHARGE']);
    expect(Number(items[0]?.amount)).toBeLessThan(-19.9);
    expect(Number(items[1]?.amount)).toBeGreaterThan(59.7);
    expect(new Date(changed.usageBilledThrough).getTime()).toBeGreaterThan(subscription.day10.getTime());
  });
});

describe('an upgrade billed NOW', () => {
  it("invoices the old plan's usage up to the change and the proration at once; usage is never billed twice", async () => {
    const subscription = await onDay10(metered.id);
    for (const [i, day] of [1, 5, 9].entries())
      dataOf(
        await as(a.admin.token, recordUsage, {
          input: {
            subscriptionId: subscription.id,
            metric: 'api_calls',
            occurredAt: new Date(subscription.start.getTime() + day * dayMs).toISOString(),
            idempotencyKey: `${subscription.id}-${i}`,
          },
        }),
      );
    const options = { proration: 'NOW', prorationDate: subscription.day10.toISOString() };
    const changed = dataOf(await as(a.admin.token, changePlan, { id: subscription.id, planId: meteredPro.id, options }))
      .changeSubscriptionPlan as {
      usageBilledThrough: string;
      invoices: { billingReason: string; status: string; total: string; lines: { kind: string; amount: string }[] }[];
    };
    expect(changed.usageBilledThrough).toBe(subscription.day10.toISOString());
    expect(changed.invoices).toHaveLength(1);
    const [invoice] = changed.invoices;
    expect([invoice?.billingReason, invoice?.status, Number(invoice?.total).toFixed(2)]).toEqual([
      'SUBSCRIPTION_UPDATE',
      'OPEN',
      '40.30',
    ]);
    // 3 calls × 0.10 under the old plan, then −30 × 20/30 and +90 × 20/30.
    expect(invoice?.lines.map((line) => [line.kind, Number(line.amount).toFixed(2)])).toEqual([
      ['USAGE', '0.30'],
      ['PRORATION_CREDIT', '-20.00'],
      ['PRORATION_CHARGE', '60.00'],
    ]);
    expect((await pendingItems(subscription.id)).every((item) => item.invoiceId !== null)).toBe(true);
    const upcoming = dataOf(
      await as(
        a.admin.token,
        `query ($id: ID!) { upcomingInvoice(subscriptionId: $id) { usageFrom lines { kind amount } } }`,
        {
          id: subscription.id,
        },
      ),
    ).upcomingInvoice as { usageFrom: string; lines: { kind: string; amount: string }[] };
    expect(upcoming.usageFrom).toBe(subscription.day10.toISOString());
    expect(upcoming.lines.filter((line) => line.kind !== 'PLAN').map((line) => Number(line.amount))).toEqual([0]);
  });
});

describe('a downgrade', () => {
  it('takes effect at period end by default: the plan is scheduled, nothing is prorated, and it can be dropped', async () => {
    const subscription = await onDay10(pro.id);
    const changed = dataOf(await as(a.admin.token, changePlan, { id: subscription.id, planId: basic.id }))
      .changeSubscriptionPlan as Record<string, unknown>;
    expect(changed).toMatchObject({ plan: { id: pro.id }, scheduledPlan: { id: basic.id } });
    expect(await pendingItems(subscription.id)).toEqual([]);
    const dropped = dataOf(await as(a.admin.token, cancelScheduled, { id: subscription.id }))
      .cancelScheduledPlanChange as Record<string, unknown>;
    expect(dropped).toMatchObject({ plan: { id: pro.id }, scheduledPlan: null });
    const actions = await db.billing.auditLog.findMany({
      where: { entityId: subscription.id },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      'subscription.create',
      'subscription.schedule_plan_change',
      'subscription.cancel_plan_change',
    ]);
  });
});

describe('a downgrade at period end, carried out by the billing clock', () => {
  it('renews on the scheduled plan and bills the new period at its price', async () => {
    const c = await createTenantWithUsers(superToken, 'bill-docs-renew');
    const [high, low] = await Promise.all([
      createPlan(superToken, c.tenant.id, { name: 'High', amount: '90.0000' }),
      createPlan(superToken, c.tenant.id, { name: 'Low', amount: '30.0000' }),
    ]);
    const subscription = await subscribe(c.admin.token, {
      customerId: await createCrmCustomer(db, c.tenant.id),
      planId: high.id,
      startAt: '2026-11-01T00:00:00.000Z',
    });
    dataOf(await as(c.admin.token, changePlan, { id: subscription.id, planId: low.id }));
    await runBillingClock(clock.deps, new Date('2026-12-01T00:00:01.000Z'), { tenantId: c.tenant.id });
    const row = await db.billing.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    expect(row).toMatchObject({
      planId: low.id,
      scheduledPlanId: null,
      currentPeriodStart: new Date('2026-12-01T00:00:00.000Z'),
      currentPeriodEnd: new Date('2027-01-01T00:00:00.000Z'),
    });
    const december = await db.billing.invoice.findFirstOrThrow({
      where: { subscriptionId: subscription.id, periodStart: new Date('2026-12-01T00:00:00.000Z') },
      include: { lineItems: true },
    });
    expect(december.lineItems.map((line) => [line.kind, line.amount.toFixed(2)])).toEqual([['PLAN', '30.00']]);
  });
});

describe('refused changes write nothing', () => {
  it.each([
    ['a plan in another currency', { planCurrency: 'EUR' }, 'planId'],
    [
      'a proration date in the future',
      { prorationDate: new Date(Date.now() + dayMs).toISOString() },
      'options.prorationDate',
    ],
    ['a proration date before the period', { prorationDate: '2020-01-01T00:00:00.000Z' }, 'options.prorationDate'],
  ])(
    '%s is BAD_USER_INPUT naming its field',
    async (_case, given: { planCurrency?: string; prorationDate?: string }, field) => {
      const subscription = await onDay10(basic.id);
      const target = given.planCurrency
        ? await createPlan(superToken, a.tenant.id, { amount: '99.0000', currency: given.planCurrency })
        : pro;
      const options = given.prorationDate ? { prorationDate: given.prorationDate } : null;
      const { body } = await as(a.admin.token, changePlan, { id: subscription.id, planId: target.id, options });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      const row = await db.billing.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
      expect(row).toMatchObject({ planId: basic.id, scheduledPlanId: null, usageBilledThrough: subscription.start });
      expect(await pendingItems(subscription.id)).toEqual([]);
      expect(await db.billing.auditLog.count({ where: { entityId: subscription.id } })).toBe(1);
    },
  );
});
