import type { BillingReason, Plan, Subscription } from '../db.ts';
import type { BillableSubscription } from '../invoice-builder.ts';
import { nextPeriod, type SubscriptionStep } from './schedule.ts';

/** One change of a step: the columns it sets, and how it is audited and told. */
export interface StepChange {
  data: Partial<Subscription>;
  action: string;
  event: string;
}

/** The invoice a step issues: its reason, the plan period billed in advance (none: null), usage in arrears up to `usageTo`. */
export interface StepInvoice {
  reason: BillingReason;
  periodStart: Date | null;
  usageTo: Date;
}

/** What a step does to a subscription, worked out before anything is written (the single and the batch path share it). */
export interface StepPlan {
  changes: StepChange[];
  /** The subscription after every change, with its plan (the scheduled one when it took effect). */
  after: BillableSubscription;
  invoice: StepInvoice;
}

const apply = (before: BillableSubscription, data: Partial<Subscription>, plan: Plan): BillableSubscription => ({
  ...before,
  ...data,
  plan,
});

/** TRIALING → ACTIVE at the trial's end; the first period (which starts there) is invoiced. Trial usage is free. */
function endTrial(subscription: BillableSubscription, trialEnd: Date): StepPlan {
  const usageBilledThrough = new Date(Math.max(subscription.usageBilledThrough.getTime(), trialEnd.getTime()));
  const data = { status: 'ACTIVE' as const, usageBilledThrough };
  return {
    changes: [{ data, action: 'subscription.trial_end', event: 'subscription.updated' }],
    after: apply(subscription, data, subscription.plan),
    invoice: { reason: 'SUBSCRIPTION_CREATE', periodStart: subscription.currentPeriodStart, usageTo: trialEnd },
  };
}

/**
 * The next period, on the scheduled plan if one waits (a downgrade takes effect at period end),
 * invoiced: its plan charge in advance, the ended period's usage in arrears.
 */
function renew(subscription: BillableSubscription, end: Date, scheduledPlan: Plan | null): StepPlan {
  const changes: StepChange[] = [];
  let current = subscription;
  if (subscription.scheduledPlanId && scheduledPlan) {
    const data = { planId: scheduledPlan.id, scheduledPlanId: null };
    changes.push({ data, action: 'subscription.plan_changed', event: 'subscription.plan_changed' });
    current = apply(current, data, scheduledPlan);
  }
  const period = nextPeriod(end, current.plan);
  const data = { currentPeriodStart: period.start, currentPeriodEnd: period.end };
  changes.push({ data, action: 'subscription.renew', event: 'subscription.renewed' });
  return {
    changes,
    after: apply(current, data, current.plan),
    invoice: { reason: 'SUBSCRIPTION_CYCLE', periodStart: period.start, usageTo: end },
  };
}

/**
 * The first period of a subscription started without a trial, invoiced in advance by the clock's
 * next run (SUBSCRIPTION_CREATE, issued at the period's start). Only the flag changes: no audit row
 * or event of its own, the invoice has them.
 */
function firstInvoice(subscription: BillableSubscription): StepPlan {
  const start = subscription.currentPeriodStart;
  return {
    changes: [],
    after: apply(subscription, { firstInvoiceDue: false }, subscription.plan),
    invoice: { reason: 'SUBSCRIPTION_CREATE', periodStart: start, usageTo: start },
  };
}

/** CANCELLED at the period end it was scheduled for; the usage of the last period is billed in arrears. */
function cancelAtPeriodEnd(subscription: BillableSubscription, end: Date): StepPlan {
  const data = { status: 'CANCELLED' as const, cancelledAt: end, cancelAtPeriodEnd: false };
  return {
    changes: [{ data, action: 'subscription.cancel', event: 'subscription.cancelled' }],
    after: apply(subscription, data, subscription.plan),
    invoice: { reason: 'SUBSCRIPTION_CYCLE', periodStart: null, usageTo: end },
  };
}

/** The boundary a step happens at: the trial's end, or the period's. */
export function stepBoundary(step: SubscriptionStep, subscription: Subscription): Date {
  if (step === 'end-trial') return subscription.trialEnd!;
  return step === 'first-invoice' ? subscription.currentPeriodStart : subscription.currentPeriodEnd;
}

/** The plan of one step; `scheduledPlan` is the subscription's `scheduledPlanId` row (renewals only). */
export function planStep(
  step: SubscriptionStep,
  subscription: BillableSubscription,
  scheduledPlan: Plan | null,
): StepPlan {
  const boundary = stepBoundary(step, subscription);
  if (step === 'end-trial') return endTrial(subscription, boundary);
  if (step === 'first-invoice') return firstInvoice(subscription);
  if (step === 'cancel') return cancelAtPeriodEnd(subscription, boundary);
  return renew(subscription, boundary, scheduledPlan);
}
