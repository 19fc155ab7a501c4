import { auditRow, recordRowChange } from '@codex/kit';
import type { BillingReason, Subscription } from '../db.ts';
import { draftInvoice, issueInvoice, type BillableSubscription } from '../invoice-builder.ts';
import type { BillingTx } from '../request.ts';
import { dueDateAfter, nextPeriod, subscriptionStepDue, type SubscriptionStep } from './schedule.ts';
import {
  clockActor,
  eventsAtEnd,
  holdInvoiceNumbers,
  inTenant,
  lockedRow,
  type ClockActor,
  type ClockDeps,
  type DueItem,
  type EventsAtEnd,
} from './work.ts';

export interface SubscriptionOutcome {
  step: SubscriptionStep;
  /** The invoice issued for it (null: a final invoice with nothing to bill, or the period was invoiced already). */
  invoiceId: string | null;
}

/**
 * The step due for one subscription as of `asOf`, under its row lock, in one transaction: the
 * subscription moves and its invoice is issued together or not at all. The step is worked out
 * again after the lock, so a second run (or replica) that waited on the lock finds nothing due.
 */
export function advanceSubscription(deps: ClockDeps, item: DueItem, asOf: Date): Promise<SubscriptionOutcome | null> {
  return inTenant(deps.db, item.tenantId, async (tx) => {
    if (!(await lockedRow(tx, 'subscriptions', item.id))) return null;
    const subscription = await readSubscription(tx, item.id);
    const step = subscriptionStepDue(subscription, asOf);
    if (step === null) return null;
    const boundary = step === 'end-trial' ? subscription.trialEnd! : subscription.currentPeriodEnd;
    const actor = clockActor(step, `${item.id}:${boundary.toISOString()}`);
    await holdInvoiceNumbers(tx, item.tenantId);
    const events = eventsAtEnd();
    const invoiceId = await stepWork[step]({ tx, actor, events }, subscription, boundary);
    await events.write();
    return { step, invoiceId };
  });
}

const readSubscription = (tx: BillingTx, id: string): Promise<BillableSubscription> =>
  tx.subscription.findFirstOrThrow({ where: { id }, include: { plan: true } });

/** One step's transaction, the system actor it is audited as, and its events (written last). */
interface StepContext {
  tx: BillingTx;
  actor: ClockActor;
  events: EventsAtEnd;
}

type StepWork = (step: StepContext, subscription: BillableSubscription, boundary: Date) => Promise<string | null>;

/** Saves a change of the subscription with its audit row (its domain event goes last); returns it as the builder reads it. */
async function change(
  { tx, actor, events }: StepContext,
  before: BillableSubscription,
  data: Partial<Subscription>,
  { action, event }: { action: string; event: string },
): Promise<BillableSubscription> {
  const { plan: _plan, ...row } = before;
  const updated = await tx.subscription.update({ where: { id: before.id }, data, include: { plan: true } });
  const { plan: _after, ...updatedRow } = updated;
  await auditRow(tx, actor, action, 'Subscription', row, data);
  events.add(() => recordRowChange(tx, actor, event, row, updatedRow));
  return updated;
}

/** TRIALING → ACTIVE at the trial's end; the first period (which starts there) is invoiced. Trial usage is free. */
const endTrial: StepWork = async (step, subscription, trialEnd) => {
  const usageBilledThrough = new Date(Math.max(subscription.usageBilledThrough.getTime(), trialEnd.getTime()));
  const active = await change(
    step,
    subscription,
    { status: 'ACTIVE', usageBilledThrough },
    { action: 'subscription.trial_end', event: 'subscription.updated' },
  );
  return issueFor(step, active, 'SUBSCRIPTION_CREATE', active.currentPeriodStart, trialEnd);
};

/**
 * The next period, on the scheduled plan if one waits (a downgrade takes effect at period end),
 * invoiced: its plan charge in advance, the ended period's usage in arrears.
 */
const renew: StepWork = async (step, subscription, end) => {
  let current = subscription;
  if (subscription.scheduledPlanId) {
    current = await change(
      step,
      subscription,
      { planId: subscription.scheduledPlanId, scheduledPlanId: null },
      { action: 'subscription.plan_changed', event: 'subscription.plan_changed' },
    );
  }
  const period = nextPeriod(end, current.plan);
  const renewed = await change(
    step,
    current,
    { currentPeriodStart: period.start, currentPeriodEnd: period.end },
    { action: 'subscription.renew', event: 'subscription.renewed' },
  );
  return issueFor(step, renewed, 'SUBSCRIPTION_CYCLE', period.start, end);
};

/** CANCELLED at the period end it was scheduled for; the usage of the last period is billed in arrears. */
const cancelAtPeriodEnd: StepWork = async (step, subscription, end) => {
  const cancelled = await change(
    step,
    subscription,
    { status: 'CANCELLED', cancelledAt: end, cancelAtPeriodEnd: false },
    { action: 'subscription.cancel', event: 'subscription.cancelled' },
  );
  return issueFor(step, cancelled, 'SUBSCRIPTION_CYCLE', null, end);
};

const stepWork: Record<SubscriptionStep, StepWork> = { 'end-trial': endTrial, renew, cancel: cancelAtPeriodEnd };

/**
 * The invoice of a boundary, finalized (OPEN), issued at the boundary and due the plan's
 * `daysUntilDue` after it. A period already invoiced (a manual invoice got there first) is left
 * as it is; a final invoice with no line is not issued.
 */
async function issueFor(
  { tx, actor }: StepContext,
  subscription: BillableSubscription,
  reason: BillingReason,
  periodStart: Date | null,
  usageTo: Date,
): Promise<string | null> {
  const periodEnd = periodStart ? subscription.currentPeriodEnd : null;
  if (periodStart && (await periodInvoiced(tx, subscription.id, periodStart, periodEnd!))) return null;
  const draft = await draftInvoice(tx, subscription, { reason, periodStart, periodEnd, usageTo, asOf: usageTo });
  if (!periodStart && draft.lines.length === 0) return null;
  const dueDate = dueDateAfter(usageTo, subscription.plan.daysUntilDue);
  const invoice = await issueInvoice(tx, actor, subscription, draft, { reason, dueDate, finalize: true, now: usageTo });
  return invoice.id;
}

const periodInvoiced = async (tx: BillingTx, subscriptionId: string, periodStart: Date, periodEnd: Date) =>
  (await tx.invoice.count({ where: { subscriptionId, periodStart, periodEnd, status: { not: 'VOID' } } })) > 0;
