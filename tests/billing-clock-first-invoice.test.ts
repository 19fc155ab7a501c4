import { runBillingClock } from '@codex/subgraph-billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken } from './support/actors.ts';
import { createCrmCustomer, createPlan, subscribe, type PlanInput } from './support/billing-fixture.ts';
import { clockDatabases } from './support/billing-clock.ts';
import { connectDatabases } from './support/databases.ts';

const db = connectDatabases();
const clock = clockDatabases();
afterAll(() => Promise.all([db.disconnect(), clock.disconnect()]));

let superToken: string;
beforeAll(async () => {
  superToken = await superadminToken();
});

const invoicesOf = (subscriptionId: string) =>
  db.billing.invoice.findMany({
    where: { subscriptionId },
    orderBy: { createdAt: 'asc' },
    include: { lineItems: { orderBy: { position: 'asc' } } },
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
