import {
  auditRow,
  badInput,
  checkDerivedDate,
  existingId,
  findExisting,
  inputSchema,
  parseInput,
  recordRowChange,
} from '@codex/kit';
import { z } from 'zod';
import type { Plan, Subscription } from './db.ts';
import type { ChangeSubscriptionPlanOptions } from './generated/graphql.ts';
import { periodEnd } from './periods.ts';
import { billChange, type ChangeBilling } from './plan-changes-billing.ts';
import { changesCycle, isDowngrade, prorationLines, type ProrationLine } from './proration.ts';
import { inTransaction, lockRow, type BillingRequest, type BillingTx } from './request.ts';
import { subscribablePlan } from './subscriptions.ts';
import { dateSchema } from './validation.ts';

const optionsSchema = inputSchema<ChangeSubscriptionPlanOptions>()(
  z.object({
    proration: z.enum(['NOW', 'NEXT_INVOICE', 'NONE']).nullish(),
    effective: z.enum(['IMMEDIATELY', 'PERIOD_END']).nullish(),
    prorationDate: dateSchema.nullish(),
  }),
);
type Options = z.infer<typeof optionsSchema>;

/** How long a `prorationDate` may lie ahead of the server's clock (clients' clocks drift). */
const clockSkewMs = 60_000;

async function plansOfChange(tx: BillingTx, subscription: Subscription, planId: string) {
  if (subscription.status === 'CANCELLED') throw badInput('A cancelled subscription cannot change plans', 'id');
  if (planId === subscription.planId) throw badInput('The subscription is already on this plan', 'planId');
  const [current, next] = await Promise.all([
    tx.plan.findFirstOrThrow({ where: { id: subscription.planId } }),
    subscribablePlan(tx, planId, 'planId', subscription.tenantId),
  ]);
  if (next.currency !== current.currency)
    throw badInput(`The new plan must be in ${current.currency}, like the current one`, 'planId');
  return { current, next };
}

/**
 * The instant an immediate change takes effect: `prorationDate` inside the unbilled part of the
 * period, or now. Now may lie past the period end while the clock has not renewed the
 * subscription yet: nothing is left to prorate then, and the old plan's usage is billed up to now.
 */
function changeInstant(subscription: Subscription, options: Options, now: Date): Date {
  if (!options.prorationDate) return now < subscription.usageBilledThrough ? subscription.usageBilledThrough : now;
  const at = options.prorationDate;
  const field = 'options.prorationDate';
  if (at.getTime() > now.getTime() + clockSkewMs) throw badInput('must not be in the future', field);
  if (at < subscription.currentPeriodStart || at >= subscription.currentPeriodEnd)
    throw badInput('must lie in the current period', field);
  if (at < subscription.usageBilledThrough)
    throw badInput('must not be before the usage already billed (usage is billed once)', field);
  return at;
}

interface Outcome {
  action: string;
  event: string;
  data: Partial<Subscription>;
  audit: Record<string, unknown>;
  billing?: ChangeBilling;
}

/** At period end: the clock applies `scheduledPlanId` when it renews the subscription. */
const scheduled = (next: Plan): Outcome => ({
  action: 'subscription.schedule_plan_change',
  event: 'subscription.updated',
  data: { scheduledPlanId: next.id },
  audit: { scheduledPlanId: next.id, effective: 'PERIOD_END' },
});

/** While trialing nothing was charged: the plan changes with no proration (a new cycle starts when the trial ends). */
function duringTrial(subscription: Subscription, next: Plan, cycle: boolean): Outcome {
  const start = subscription.trialEnd ?? subscription.currentPeriodStart;
  const period = cycle
    ? {
        currentPeriodStart: start,
        currentPeriodEnd: checkDerivedDate(periodEnd(start, next.interval, next.intervalCount), 'planId', 'period end'),
      }
    : {};
  return {
    action: 'subscription.change_plan',
    event: 'subscription.plan_changed',
    data: { planId: next.id, scheduledPlanId: null, ...period },
    audit: { planId: next.id, effective: 'IMMEDIATELY', proration: 'NONE', ...period },
  };
}

function immediate(subscription: Subscription, current: Plan, next: Plan, options: Options, now: Date): Outcome {
  const cycle = changesCycle(current, next);
  if (subscription.status === 'TRIALING') return duringTrial(subscription, next, cycle);
  const changeAt = changeInstant(subscription, options, now);
  const proration = options.proration ?? 'NEXT_INVOICE';
  const lines: ProrationLine[] =
    proration === 'NONE'
      ? []
      : prorationLines({
          current,
          next,
          quantity: subscription.quantity,
          currency: current.currency,
          periodStart: subscription.currentPeriodStart,
          periodEnd: subscription.currentPeriodEnd,
          changeAt,
        });
  const period = cycle
    ? {
        currentPeriodStart: changeAt,
        currentPeriodEnd: checkDerivedDate(
          periodEnd(changeAt, next.interval, next.intervalCount),
          'planId',
          'period end',
        ),
      }
    : {};
  return {
    action: 'subscription.change_plan',
    event: 'subscription.plan_changed',
    data: { planId: next.id, scheduledPlanId: null, usageBilledThrough: changeAt, ...period },
    audit: { planId: next.id, effective: 'IMMEDIATELY', proration, changeAt, ...period },
    billing: {
      changeAt,
      proration,
      current,
      next,
      lines,
      sourceKey: `plan-change:${subscription.id}:${changeAt.toISOString()}:${next.id}`,
    },
  };
}

/**
 * ADMIN of the subscription's tenant (or SUPERADMIN). Upgrades (not cheaper per month) take effect
 * at once and downgrades at period end unless `options.effective` says otherwise; an immediate
 * change bills the old plan's usage up to the change and prorates to the second (README "Plan
 * changes and proration").
 */
export async function changeSubscriptionPlan(
  request: BillingRequest,
  id: string,
  planId: string,
  options: ChangeSubscriptionPlanOptions | null | undefined,
): Promise<Subscription> {
  const subscriptionId = existingId(id, 'Subscription');
  const given = parseInput(optionsSchema.nullish(), options, 'options') ?? {};
  return inTransaction(request, async (tx) => {
    await lockRow(tx, 'subscriptions', subscriptionId);
    const subscription = await findExisting(tx.subscription, subscriptionId, 'Subscription');
    const { current, next } = await plansOfChange(tx, subscription, planId);
    const effective = given.effective ?? (isDowngrade(current, next) ? 'PERIOD_END' : 'IMMEDIATELY');
    const outcome =
      effective === 'PERIOD_END' ? scheduled(next) : immediate(subscription, current, next, given, request.clock.now());
    // The old plan's usage is drafted before the plan changes; the invoice (NOW) after.
    const billed = outcome.billing ? await billChange(tx, request, subscription, outcome.billing) : undefined;
    const updated = await tx.subscription.update({ where: { id: subscriptionId }, data: outcome.data });
    await auditRow(tx, request, outcome.action, 'Subscription', subscription, { ...outcome.audit, ...billed?.audit });
    await recordRowChange(tx, request, outcome.event, subscription, updated);
    if (billed) await billed.invoiceNow(updated);
    return updated;
  });
}

/** Drops a plan change scheduled for the period end: the subscription renews on its plan. */
export async function cancelScheduledPlanChange(request: BillingRequest, id: string): Promise<Subscription> {
  const subscriptionId = existingId(id, 'Subscription');
  return inTransaction(request, async (tx) => {
    await lockRow(tx, 'subscriptions', subscriptionId);
    const subscription = await findExisting(tx.subscription, subscriptionId, 'Subscription');
    if (!subscription.scheduledPlanId) throw badInput('The subscription has no scheduled plan change', 'id');
    const updated = await tx.subscription.update({ where: { id: subscriptionId }, data: { scheduledPlanId: null } });
    await auditRow(tx, request, 'subscription.cancel_plan_change', 'Subscription', subscription, {
      scheduledPlanId: null,
      was: subscription.scheduledPlanId,
    });
    await recordRowChange(tx, request, 'subscription.updated', subscription, updated);
    return updated;
  });
}
