import type { BillingInterval, SubscriptionStatus } from '../db.ts';
import { addDays, periodEnd } from '../periods.ts';

/** What the clock does to a subscription whose period (or trial) boundary has passed. */
export type SubscriptionStep = 'end-trial' | 'first-invoice' | 'cancel' | 'renew';

export interface ClockedSubscription {
  status: SubscriptionStatus;
  trialEnd: Date | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  /** The first period still to invoice (subscribed without a trial; see step-plan.ts). */
  firstInvoiceDue: boolean;
}

/** Statuses whose periods the clock moves on; CANCELLED ones stay where they are. */
export const clockedStatuses: readonly SubscriptionStatus[] = ['TRIALING', 'ACTIVE', 'PAST_DUE'];

/**
 * The one step due as of `asOf`, or null. A trial ends first (its first period starts at
 * `trialEnd`), then a first invoice still due (subscribed without a trial: its first period, once
 * it has started); a cancellation at period end wins over a renewal of the same boundary. One step
 * per call: a subscription several periods behind takes one step per round of the clock.
 */
export function subscriptionStepDue(subscription: ClockedSubscription, asOf: Date): SubscriptionStep | null {
  if (!clockedStatuses.includes(subscription.status)) return null;
  if (subscription.status === 'TRIALING') {
    return subscription.trialEnd && subscription.trialEnd <= asOf ? 'end-trial' : null;
  }
  if (subscription.firstInvoiceDue && subscription.currentPeriodStart <= asOf) return 'first-invoice';
  if (subscription.currentPeriodEnd > asOf) return null;
  return subscription.cancelAtPeriodEnd ? 'cancel' : 'renew';
}

/** The period after one that ends at `end`: it starts there, and lasts the plan's interval. */
export const nextPeriod = (end: Date, plan: { interval: BillingInterval; intervalCount: number }) => ({
  start: end,
  end: periodEnd(end, plan.interval, plan.intervalCount),
});

/**
 * An invoice the clock issues is due `daysUntilDue` after the boundary it bills, not after the
 * moment the clock ran: a catch-up run issues the same invoices, due dates included, as a clock
 * that never stopped.
 */
export const dueDateAfter = (boundary: Date, daysUntilDue: number) => addDays(boundary, daysUntilDue);

export interface DunningPolicy {
  /** Days after the due date on which a reminder goes out (step n is the n-th of them, ascending). */
  reminderDays: readonly number[];
  finalAfterDays: number;
}

/** Step 0 is the final action (the unique `dunning_reminders (invoice_id, step)` keeps each step once). */
export const finalStep = 0;

/**
 * The dunning step due for an invoice past due since `dueDate`, given the steps already taken:
 * the final action once `finalAfterDays` have passed, else the latest reminder whose day has
 * come and that neither it nor a later one was sent. A clock that was stopped for days sends the
 * latest reminder only, not every missed one at once.
 */
export function dunningStepDue(
  dueDate: Date,
  policy: DunningPolicy,
  takenSteps: ReadonlySet<number>,
  asOf: Date,
): number | null {
  if (takenSteps.has(finalStep)) return null;
  if (addDays(dueDate, policy.finalAfterDays) <= asOf) return finalStep;
  const days = [...policy.reminderDays].sort((a, b) => a - b);
  let due: number | null = null;
  days.forEach((day, index) => {
    if (addDays(dueDate, day) <= asOf) due = index + 1;
  });
  if (due === null) return null;
  const latestTaken = Math.max(0, ...takenSteps);
  return due > latestTaken ? due : null;
}
