import { createMetrics } from '@codex/kit';
import { catchUp, createBillingDatabase, runBillingClock } from '@codex/subgraph-billing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCrmCustomer, createPlan, dataOf, subscribe, type PlanInput } from './support/billing-fixture.ts';
import { at, clockDatabases, createMetric, eventsOf, recordEvents } from './support/billing-clock.ts';
import { connectDatabases } from './support/databases.ts';

const db = connectDatabases();
const clock = clockDatabases();
afterAll(() => Promise.all([db.disconnect(), clock.disconnect()]));

let superToken: string;
beforeAll(async () => {
  superToken = await superadminToken();
});

/** Each scenario has a tenant of its own: a run of the clock is narrowed to it and touches nothing else. */
async function scenario(label: string, plan: PlanInput & Record<string, unknown>, startAt: string) {
  const actors = await createTenantWithUsers(superToken, label);
  const created = await createPlan(superToken, actors.tenant.id, plan);
  const subscription = await subscribe(actors.admin.token, {
    customerId: await createCrmCustomer(db, actors.tenant.id),
    planId: created.id,
    startAt,
  });
  const run = (asOf: string) => runBillingClock(clock.deps, at(asOf), { tenantId: actors.tenant.id });
  return { actors, plan: created, subscription, run };
}

const invoicesOf = (subscriptionId: string) =>
  db.billing.invoice.findMany({
    where: { subscriptionId },
    orderBy: { createdAt: 'asc' },
    include: { lineItems: { orderBy: { position: 'asc' } } },
  });

const subscriptionRow = (id: string) => db.billing.subscription.findUniqueOrThrow({ where: { id } });
const money = (value: { toFixed: (places: number) => string }) => value.toFixed(2);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('three months of a graduated and a package charge', () => {
  let t: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    const actors = await createTenantWithUsers(superToken, 'clock-usage');
    const calls = await createMetric(superToken, actors.tenant.id, 'SUM', 'calls');
    const exports = await createMetric(superToken, actors.tenant.id, 'COUNT');
    const plan = await createPlan(superToken, actors.tenant.id, {
      amount: '20.00',
      charges: [
        {
          billableMetricId: calls.id,
          model: 'GRADUATED',
          freeUnits: '100',
          properties: {
            tiers: [
              { fromValue: '0', toValue: '1000', perUnitAmount: '0.01' },
              { fromValue: '1000', toValue: null, perUnitAmount: '0.005' },
            ],
          },
        },
        { billableMetricId: exports.id, model: 'PACKAGE', properties: { packageSize: 10, amount: '2.50' } },
      ],
    } as PlanInput);
    const subscription = await subscribe(actors.admin.token, {
      customerId: await createCrmCustomer(db, actors.tenant.id),
      planId: plan.id,
      startAt: '2026-06-01T00:00:00.000Z',
    });
    await recordEvents(actors.admin.token, subscription.id, [
      ...eventsOf(calls.code, '2026-06-03T00:00:00Z', 1, { calls: 600 }),
      ...eventsOf(calls.code, '2026-06-30T23:00:00Z', 1, { calls: 900 }),
      ...eventsOf(exports.code, '2026-06-10T00:00:00Z', 23),
      ...eventsOf(calls.code, '2026-07-15T00:00:00Z', 1, { calls: 250 }),
      ...eventsOf(exports.code, '2026-07-20T00:00:00Z', 10),
      ...eventsOf(calls.code, '2026-08-31T23:59:00Z', 1, { calls: 100 }),
    ]);
    t = {
      actors,
      plan,
      subscription,
      run: (asOf) => runBillingClock(clock.deps, at(asOf), { tenantId: actors.tenant.id }),
    };
  });

  it('issues one invoice a month, day by day: the plan in advance, the month before in arrears, as worked out by hand', async () => {
    const reports = await catchUp(clock.deps, at('2026-09-01T00:00:00.000Z'), {
      from: at('2026-06-01T00:00:00.000Z'),
      tenantId: t.actors.tenant.id,
    });
    expect(reports).toHaveLength(93);
    const invoices = await invoicesOf(t.subscription.id);
    // June: calls 600 + 900 = 1,500, less 100 free = 1,400 → 1,000 × 0.01 + 400 × 0.005 = 12.00;
    //       exports 23 → 3 packages of 10 × 2.50 = 7.50; with July's plan 20.00 → 39.50.
    // July: calls 250 − 100 = 150 × 0.01 = 1.50; exports 10 → 1 × 2.50; with August's plan → 24.00.
    // August: calls 100 − 100 = 0; no exports; September's plan → 20.00.
    expect(invoices.map((invoice) => money(invoice.total))).toEqual(['39.50', '24.00', '20.00']);
    expect(invoices.map((invoice) => [iso(invoice.periodStart), iso(invoice.usageFrom), iso(invoice.usageTo)])).toEqual(
      [
        ['2026-07-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
        ['2026-08-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z'],
        ['2026-09-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z'],
      ],
    );
    const june = invoices[0]!;
    expect(
      june.lineItems.filter((line) => !line.amount.isZero()).map((line) => [line.kind, money(line.amount)]),
    ).toEqual([
      ['PLAN', '20.00'],
      ['USAGE', '12.00'],
      ['USAGE', '7.50'],
    ]);
    // Nobody paid: July's invoice (due 07-31) went through dunning to the plan's default final
    // action 14 days later; August's (due 08-31) is one day overdue.
    expect(invoices.map((invoice) => [invoice.billingReason, invoice.status])).toEqual([
      ['SUBSCRIPTION_CYCLE', 'UNCOLLECTIBLE'],
      ['SUBSCRIPTION_CYCLE', 'OPEN'],
      ['SUBSCRIPTION_CYCLE', 'OPEN'],
    ]);
    expect(iso(june.dueDate)).toBe('2026-07-31T00:00:00.000Z');
    const subscription = await subscriptionRow(t.subscription.id);
    expect([subscription.status, iso(subscription.currentPeriodStart), iso(subscription.currentPeriodEnd)]).toEqual([
      'PAST_DUE',
      '2026-09-01T00:00:00.000Z',
      '2026-10-01T00:00:00.000Z',
    ]);
  });
});

describe('a trial', () => {
  it('converts at its end: ACTIVE, and the first period invoiced (SUBSCRIPTION_CREATE) by the system', async () => {
    const t = await scenario('clock-trial', { amount: '30.00', trialDays: 14 }, '2026-06-01T00:00:00.000Z');
    expect(t.subscription.status).toBe('TRIALING');
    expect((await t.run('2026-06-14T23:59:59.000Z')).trialsEnded).toBe(0);
    expect(await t.run('2026-06-15T00:00:00.000Z')).toMatchObject({ trialsEnded: 1, invoicesIssued: 1, failed: 0 });
    const subscription = await subscriptionRow(t.subscription.id);
    expect(subscription.status).toBe('ACTIVE');
    const [invoice, ...more] = await invoicesOf(t.subscription.id);
    expect(more).toEqual([]);
    expect(invoice).toMatchObject({ status: 'OPEN', billingReason: 'SUBSCRIPTION_CREATE' });
    expect(money(invoice!.total)).toBe('30.00');
    expect([iso(invoice!.periodStart), iso(invoice!.periodEnd), iso(invoice!.dueDate)]).toEqual([
      '2026-06-15T00:00:00.000Z',
      '2026-07-15T00:00:00.000Z',
      '2026-07-15T00:00:00.000Z',
    ]);
    const audit = await db.billing.auditLog.findFirstOrThrow({
      where: { entityId: t.subscription.id, action: 'subscription.trial_end' },
    });
    expect(audit).toMatchObject({ actorRole: 'SYSTEM', actorId: null });
    expect(audit.requestId).toMatch(/^job:billing\.clock\.end-trial:/);
  });
});

describe('a cancellation at period end', () => {
  it('cancels at the period end with a final invoice of the usage in arrears and no plan line, then nothing', async () => {
    const actors = await createTenantWithUsers(superToken, 'clock-cancel');
    const seats = await createMetric(superToken, actors.tenant.id, 'COUNT');
    const plan = await createPlan(superToken, actors.tenant.id, {
      amount: '20.00',
      charges: [{ billableMetricId: seats.id, model: 'STANDARD', properties: { unitAmount: '1.25' } }],
    } as PlanInput);
    const subscription = await subscribe(actors.admin.token, {
      customerId: await createCrmCustomer(db, actors.tenant.id),
      planId: plan.id,
      startAt: '2026-06-01T00:00:00.000Z',
    });
    await recordEvents(actors.admin.token, subscription.id, eventsOf(seats.code, '2026-06-20T00:00:00Z', 3));
    const cancelled = await as(
      actors.admin.token,
      /* GraphQL */ `mutation ($id: ID!) { cancelSubscription(id: $id, atPeriodEnd: true) { cancelAtPeriodEnd } }`,
      { id: subscription.id },
    );
    expect(dataOf(cancelled).cancelSubscription.cancelAtPeriodEnd).toBe(true);
    const run = (asOf: string) => runBillingClock(clock.deps, at(asOf), { tenantId: actors.tenant.id });
    expect(await run('2026-07-01T00:00:00.000Z')).toMatchObject({ cancelled: 1, renewed: 0, invoicesIssued: 1 });
    expect(await run('2026-08-01T00:00:00.000Z')).toMatchObject({ cancelled: 0, renewed: 0, invoicesIssued: 0 });
    const row = await subscriptionRow(subscription.id);
    expect([row.status, iso(row.cancelledAt), row.cancelAtPeriodEnd]).toEqual([
      'CANCELLED',
      '2026-07-01T00:00:00.000Z',
      false,
    ]);
    const [final, ...more] = await invoicesOf(subscription.id);
    expect(more).toEqual([]);
    expect(final!.lineItems.map((line) => [line.kind, money(line.amount)])).toEqual([['USAGE', '3.75']]);
    expect(money(final!.total)).toBe('3.75');
  });
});

describe('an unpaid invoice', () => {
  const dunning = { interval: 'YEAR', amount: '100.00', dunningReminderDays: [1, 3, 7], dunningFinalAfterDays: 14 };

  it('makes the subscription PAST_DUE, sends reminders on days 1, 3 and 7, then takes the final action; paying ends it', async () => {
    const actors: TenantActors = await createTenantWithUsers(superToken, 'clock-dunning');
    const subscribeTo = async (plan: Record<string, unknown>) =>
      subscribe(actors.admin.token, {
        customerId: await createCrmCustomer(db, actors.tenant.id),
        planId: (await createPlan(superToken, actors.tenant.id, { ...dunning, daysUntilDue: 10, ...plan } as PlanInput))
          .id,
        startAt: '2025-06-01T00:00:00.000Z',
      });
    const cancels = await subscribeTo({ dunningFinalAction: 'CANCEL_SUBSCRIPTION' });
    const writesOff = await subscribeTo({ dunningFinalAction: 'MARK_UNCOLLECTIBLE' });
    const pays = await subscribeTo({});
    const options = { tenantId: actors.tenant.id, from: at('2026-06-01T00:00:00.000Z') };
    await catchUp(clock.deps, at('2026-06-12T00:00:00.000Z'), options);
    // Renewed on 2026-06-01, due on 06-11; a day later: PAST_DUE and the first reminder.
    for (const subscription of [cancels, writesOff, pays])
      expect((await subscriptionRow(subscription.id)).status).toBe('PAST_DUE');
    const [unpaid] = await invoicesOf(pays.id);
    expect(iso(unpaid!.dueDate)).toBe('2026-06-11T00:00:00.000Z');
    const paid = await as(superToken, /* GraphQL */ `mutation ($id: ID!) { markInvoicePaid(id: $id) { status } }`, {
      id: unpaid!.id,
    });
    expect(dataOf(paid).markInvoicePaid.status).toBe('PAID');
    expect((await subscriptionRow(pays.id)).status).toBe('ACTIVE');

    await catchUp(clock.deps, at('2026-06-30T00:00:00.000Z'), { ...options, from: at('2026-06-13T00:00:00.000Z') });
    const steps = async (subscriptionId: string) => {
      const [invoice] = await invoicesOf(subscriptionId);
      const rows = await db.billing.dunningReminder.findMany({ where: { invoiceId: invoice!.id } });
      return rows.map((row) => [row.step, iso(row.sentAt)]).sort(([a], [b]) => Number(a) - Number(b));
    };
    expect(await steps(cancels.id)).toEqual([
      [0, '2026-06-25T00:00:00.000Z'],
      [1, '2026-06-12T00:00:00.000Z'],
      [2, '2026-06-14T00:00:00.000Z'],
      [3, '2026-06-18T00:00:00.000Z'],
    ]);
    expect(await steps(pays.id)).toEqual([[1, '2026-06-12T00:00:00.000Z']]);
    const cancelled = await subscriptionRow(cancels.id);
    expect([cancelled.status, iso(cancelled.cancelledAt)]).toEqual(['CANCELLED', '2026-06-25T00:00:00.000Z']);
    expect((await invoicesOf(cancels.id))[0]!.status).toBe('OPEN');
    expect((await invoicesOf(writesOff.id))[0]!.status).toBe('UNCOLLECTIBLE');
    const reminders = await db.billing.domainEvent.count({
      where: { tenantId: actors.tenant.id, type: 'invoice.payment_reminder' },
    });
    expect(reminders).toBe(3 + 3 + 1);
  });
});

describe('an idle tick', () => {
  /** The statements a run sends (BEGIN/COMMIT included), counted by the kit's pool metrics as a service counts them. */
  async function statementsOf(run: (deps: typeof clock.deps) => Promise<unknown>) {
    const metrics = createMetrics();
    const counted = createBillingDatabase(inject('databaseUrls').billing, { metrics });
    const sent = async () =>
      (await metrics.databaseStatements.get()).values.find((value) => value.metricName?.endsWith('_count'))?.value ?? 0;
    try {
      await run({ ...clock.deps, db: counted });
      return await sent();
    } finally {
      await counted.$disconnect();
    }
  }

  it('sends a few statements when an overdue invoice already had its reminder and no period has ended', async () => {
    const t = await scenario(
      'clock-idle',
      { interval: 'YEAR', amount: '100.00', daysUntilDue: 10, dunningReminderDays: [1, 3, 7] },
      '2025-06-01T00:00:00.000Z',
    );
    const options = { tenantId: t.actors.tenant.id };
    // Renewed on 2026-06-01, due on 06-11, reminded on 06-12; the next reminder is due on 06-14.
    await catchUp(clock.deps, at('2026-06-12T00:00:00.000Z'), { ...options, from: at('2026-06-01T00:00:00.000Z') });
    expect((await subscriptionRow(t.subscription.id)).status).toBe('PAST_DUE');
    let report: unknown;
    const statements = await statementsOf(async (deps) => {
      report = await runBillingClock(deps, at('2026-06-13T00:00:00.000Z'), options);
    });
    expect(report).toMatchObject({ renewed: 0, invoicesIssued: 0, pastDue: 0, reminders: 0, finalActions: 0 });
    // Two due questions (subscriptions, overdue invoices), each a scoped read: no transaction per item.
    expect(statements).toBeLessThanOrEqual(8);
    expect(await t.run('2026-06-14T00:00:00.000Z')).toMatchObject({ reminders: 1 });
  });
});

describe('idempotency', () => {
  it('bills a renewal once when two replicas run the clock at once, and a third run does nothing', async () => {
    const t = await scenario('clock-twice', { amount: '15.00' }, '2026-06-01T00:00:00.000Z');
    const asOf = at('2026-07-01T00:00:00.000Z');
    const options = { tenantId: t.actors.tenant.id };
    const reports = await Promise.all([
      runBillingClock(clock.deps, asOf, options),
      runBillingClock(clock.secondReplica, asOf, options),
      runBillingClock(clock.deps, asOf, options),
    ]);
    expect(reports.reduce((sum, report) => sum + report.renewed, 0)).toBe(1);
    expect(reports.reduce((sum, report) => sum + report.failed, 0)).toBe(0);
    expect(await t.run('2026-07-01T00:00:00.000Z')).toMatchObject({ renewed: 0, invoicesIssued: 0 });
    const invoices = await invoicesOf(t.subscription.id);
    expect(invoices.map((invoice) => [iso(invoice.periodStart), money(invoice.total)])).toEqual([
      ['2026-07-01T00:00:00.000Z', '15.00'],
    ]);
    const renewals = await db.billing.auditLog.count({
      where: { entityId: t.subscription.id, action: 'subscription.renew' },
    });
    expect(renewals).toBe(1);
  });
});

describe('a subscription started without a trial', () => {
  it("gets its first period's invoice (SUBSCRIPTION_CREATE, plan in advance) from the clock's next run, once", async () => {
    const actors = await createTenantWithUsers(superToken, 'clock-first');
    const plan = await createPlan(superToken, actors.tenant.id, { amount: '12.50', daysUntilDue: 5 } as PlanInput);
    const start = (startAt?: string) =>
      createCrmCustomer(db, actors.tenant.id).then((customerId) =>
        subscribe(actors.admin.token, { customerId, planId: plan.id, ...(startAt ? { startAt } : {}) }),
      );
    const now = await start();
    // Starts in two days (within the first one's month, which nothing renews meanwhile).
    const laterStart = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2 * 86_400_000);
    const later = await start(laterStart.toISOString());
    // Not at subscribe time: invoices appear with the clock.
    expect(await invoicesOf(now.id)).toEqual([]);
    const nowStart = (await db.billing.subscription.findUniqueOrThrow({ where: { id: now.id } })).currentPeriodStart;
    const options = { tenantId: actors.tenant.id };
    // Two replicas at once, then again: one invoice each, and only for the period that has started.
    const reports = await Promise.all([
      runBillingClock(clock.deps, nowStart, options),
      runBillingClock(clock.secondReplica, nowStart, options),
    ]);
    expect(reports.reduce((sum, report) => sum + report.invoicesIssued, 0)).toBe(1);
    expect(reports.map((report) => [report.failed, report.batchesRetriedOneByOne])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await runBillingClock(clock.deps, nowStart, options)).toMatchObject({ invoicesIssued: 0 });
    const [first, ...more] = await invoicesOf(now.id);
    expect(more).toEqual([]);
    expect([first!.billingReason, first!.status, first!.total.toFixed(2)]).toEqual([
      'SUBSCRIPTION_CREATE',
      'OPEN',
      '12.50',
    ]);
    expect(first!.lineItems.map((line) => [line.kind, line.amount.toFixed(2)])).toEqual([['PLAN', '12.50']]);
    expect(first!.periodStart).toEqual(nowStart);
    expect(first!.dueDate!.getTime() - nowStart.getTime()).toBe(5 * 86_400_000);
    expect(await invoicesOf(later.id)).toEqual([]);

    expect(await runBillingClock(clock.deps, laterStart, options)).toMatchObject({ invoicesIssued: 1, failed: 0 });
    const [laterFirst] = await invoicesOf(later.id);
    expect([laterFirst!.billingReason, laterFirst!.periodStart?.toISOString()]).toEqual([
      'SUBSCRIPTION_CREATE',
      laterStart.toISOString(),
    ]);
    const audits = await db.billing.auditLog.findMany({
      where: { entityId: laterFirst!.id, action: 'invoice.create' },
    });
    expect(
      audits.map((audit) => [audit.actorRole, audit.requestId?.startsWith('job:billing.clock.first-invoice:')]),
    ).toEqual([['SYSTEM', true]]);
  });
});

describe('a renewal with a pending item and a coupon (the batch path)', () => {
  it('bills the item once and applies the coupon for its periods, as the engine prices them', async () => {
    const t = await scenario('clock-batch-extras', { amount: '40.00' }, '2026-06-01T00:00:00.000Z');
    const tenantId = t.actors.tenant.id;
    const subscriptionId = t.subscription.id;
    // Written as bill-docs' mutations would (those are not on this branch): a 25 % coupon for one period, a 5.00 item.
    const coupon = await db.billing.coupon.create({
      data: {
        tenantId,
        code: 'Q25',
        name: 'Quarter off',
        kind: 'PERCENTAGE',
        percentOff: '25',
        duration: 'REPEATING',
        durationPeriods: 1,
      },
    });
    const applied = await db.billing.appliedCoupon.create({
      data: { tenantId, couponId: coupon.id, subscriptionId, periodsRemaining: 1 },
    });
    const item = await db.billing.pendingInvoiceItem.create({
      data: {
        tenantId,
        subscriptionId,
        kind: 'ADJUSTMENT',
        description: 'Setup',
        unitPrice: '5',
        amount: '5',
        sourceKey: 'test:setup',
      },
    });
    expect(await t.run('2026-07-01T00:00:00.000Z')).toMatchObject({
      invoicesIssued: 1,
      failed: 0,
      batchesRetriedOneByOne: 0,
    });
    expect(await t.run('2026-08-01T00:00:00.000Z')).toMatchObject({
      invoicesIssued: 1,
      failed: 0,
      batchesRetriedOneByOne: 0,
    });
    const [july, august] = await invoicesOf(subscriptionId);
    // July: 40.00 + 5.00 = 45.00, 25 % off = 11.25 → 33.75. August: the coupon has ended → 40.00.
    expect(
      [july, august].map((invoice) => [money(invoice!.subtotal), money(invoice!.discount), money(invoice!.total)]),
    ).toEqual([
      ['45.00', '11.25', '33.75'],
      ['40.00', '0.00', '40.00'],
    ]);
    expect((await db.billing.pendingInvoiceItem.findUniqueOrThrow({ where: { id: item.id } })).invoiceId).toBe(
      july!.id,
    );
    const used = await db.billing.appliedCoupon.findUniqueOrThrow({ where: { id: applied.id } });
    expect([used.periodsRemaining, iso(used.endedAt)]).toEqual([0, '2026-07-01T00:00:00.000Z']);
    expect(await db.billing.invoiceDiscount.count({ where: { invoiceId: july!.id } })).toBe(1);
  });
});
