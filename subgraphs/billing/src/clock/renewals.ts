import { auditRow, recordRowChange } from '@codex/kit';
import type { Plan } from '../db.ts';
import { draftInvoice, issueInvoice, type BillableSubscription } from '../invoice-builder.ts';
import { transactionReads } from '../draft-reads.ts';
import type { BillingTx } from '../request.ts';
import { dueDateAfter, subscriptionStepDue, type SubscriptionStep } from './schedule.ts';
import { planStep, stepBoundary, type StepInvoice, type StepPlan } from './step-plan.ts';
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

/** The system actor of one step of one subscription (its audit rows and events name it). */
export const stepActor = (step: SubscriptionStep, subscription: BillableSubscription): ClockActor =>
  clockActor(step, `${subscription.id}:${stepBoundary(step, subscription).toISOString()}`);

/** The plan a renewal moves to, when one is scheduled. */
export const scheduledPlanOf = (tx: BillingTx, subscription: BillableSubscription): Promise<Plan | null> =>
  subscription.scheduledPlanId
    ? tx.plan.findUnique({ where: { id: subscription.scheduledPlanId } })
    : Promise.resolve(null);

/**
 * The step due for one subscription as of `asOf`, under its row lock, in one transaction: the
 * subscription moves and its invoice is issued together or not at all. The step is worked out
 * again after the lock, so a second run (or replica) that waited on the lock finds nothing due.
 * The nightly path is the batch form (renewal-batch.ts); this one bills what a batch could not.
 */
export function advanceSubscription(deps: ClockDeps, item: DueItem, asOf: Date): Promise<SubscriptionOutcome | null> {
  return inTenant(deps.db, item.tenantId, async (tx) => {
    if (!(await lockedRow(tx, 'subscriptions', item.id))) return null;
    const subscription = await readSubscription(tx, item.id);
    const step = subscriptionStepDue(subscription, asOf);
    if (step === null) return null;
    const actor = stepActor(step, subscription);
    await holdInvoiceNumbers(tx, item.tenantId);
    const plan = planStep(step, subscription, step === 'renew' ? await scheduledPlanOf(tx, subscription) : null);
    const events = eventsAtEnd();
    const after = await applyChanges(tx, actor, events, subscription, plan);
    const invoiceId = await issueFor(tx, actor, after, plan.invoice);
    await events.write();
    return { step, invoiceId };
  });
}

const readSubscription = (tx: BillingTx, id: string): Promise<BillableSubscription> =>
  tx.subscription.findFirstOrThrow({ where: { id }, include: { plan: true } });

/** Saves each change with its audit row (its domain event goes last); returns the subscription as the builder reads it. */
async function applyChanges(
  tx: BillingTx,
  actor: ClockActor,
  events: EventsAtEnd,
  subscription: BillableSubscription,
  plan: StepPlan,
): Promise<BillableSubscription> {
  let current = subscription;
  for (const { data, action, event } of plan.changes) {
    const { plan: _plan, ...row } = current;
    const updated = await tx.subscription.update({ where: { id: current.id }, data, include: { plan: true } });
    const { plan: _after, ...updatedRow } = updated;
    await auditRow(tx, actor, action, 'Subscription', row, data);
    events.add(() => recordRowChange(tx, actor, event, row, updatedRow));
    current = updated;
  }
  // A step with no change of its own (the first invoice) only clears its flag.
  if (current.firstInvoiceDue && !plan.after.firstInvoiceDue)
    current = await tx.subscription.update({
      where: { id: current.id },
      data: { firstInvoiceDue: false },
      include: { plan: true },
    });
  return current;
}

/**
 * The invoice of a boundary, finalized (OPEN), issued at the boundary and due the plan's
 * `daysUntilDue` after it. A period already invoiced (a manual invoice got there first) is left
 * as it is; a final invoice with no line is not issued.
 */
async function issueFor(
  tx: BillingTx,
  actor: ClockActor,
  subscription: BillableSubscription,
  { reason, periodStart, usageTo }: StepInvoice,
): Promise<string | null> {
  const periodEnd = periodStart ? subscription.currentPeriodEnd : null;
  if (periodStart && (await periodInvoiced(tx, subscription.id, periodStart, periodEnd!))) return null;
  const draft = await draftInvoice(transactionReads(tx), subscription, {
    reason,
    periodStart,
    periodEnd,
    usageTo,
    asOf: usageTo,
  });
  if (!periodStart && draft.lines.length === 0) return null;
  const dueDate = dueDateAfter(usageTo, subscription.plan.daysUntilDue);
  const invoice = await issueInvoice(tx, actor, subscription, draft, { reason, dueDate, finalize: true, now: usageTo });
  return invoice.id;
}

const periodInvoiced = async (tx: BillingTx, subscriptionId: string, periodStart: Date, periodEnd: Date) =>
  (await tx.invoice.count({ where: { subscriptionId, periodStart, periodEnd, status: { not: 'VOID' } } })) > 0;
