import { auditRow, recordEvent, recordRowChange } from '@codex/kit';
import type { Invoice, Plan } from '../db.ts';
import type { BillingTx } from '../request.ts';
import { markSubscriptionPastDue } from './past-due.ts';
import { dunningStepDue, finalStep } from './schedule.ts';
import {
  clockActor,
  eventsAtEnd,
  inTenant,
  lockedRow,
  type ClockActor,
  type ClockDeps,
  type DueItem,
  type EventsAtEnd,
} from './work.ts';

export interface OverdueOutcome {
  pastDue: boolean;
  reminder: number | null;
  finalAction: Plan['dunningFinalAction'] | null;
}

const nothing: OverdueOutcome = { pastDue: false, reminder: null, finalAction: null };

/**
 * One OPEN invoice past its due date, under its lock: its ACTIVE subscription becomes PAST_DUE,
 * then the dunning step due (if any) is taken. The step's `dunning_reminders` row is inserted
 * first and only a new row goes on, so a second run (or a second replica) does nothing.
 */
export async function dunInvoice(deps: ClockDeps, item: DueItem, asOf: Date): Promise<OverdueOutcome> {
  const actor = clockActor('dunning', item.id);
  return inTenant(deps.db, item.tenantId, async (tx) => {
    const events = eventsAtEnd();
    const outcome = await dunLocked(tx, actor, events, item.id, asOf);
    await events.write();
    return outcome;
  });
}

/** The overdue invoice (locked), its subscription PAST_DUE, then the step due. */
async function dunLocked(
  tx: BillingTx,
  actor: ClockActor,
  events: EventsAtEnd,
  invoiceId: string,
  asOf: Date,
): Promise<OverdueOutcome> {
  if (!(await lockedRow(tx, 'invoices', invoiceId))) return nothing;
  const invoice = await tx.invoice.findFirstOrThrow({ where: { id: invoiceId } });
  if (invoice.status !== 'OPEN' || !invoice.dueDate || invoice.dueDate >= asOf || !invoice.subscriptionId)
    return nothing;
  const before = await tx.subscription.findFirst({ where: { id: invoice.subscriptionId }, include: { plan: true } });
  if (!before) return nothing;
  const after = await markSubscriptionPastDue(tx, actor, events, before.id);
  const pastDue = before.status === 'ACTIVE' && after?.status === 'PAST_DUE';
  const dunned = { ...invoice, dueDate: invoice.dueDate };
  return { ...(await takeStep(tx, actor, events, dunned, before.plan, asOf)), pastDue };
}

/** The dunning step due for the invoice under the plan's policy, if any and not yet taken. */
async function takeStep(
  tx: BillingTx,
  actor: ClockActor,
  events: EventsAtEnd,
  invoice: Invoice & { dueDate: Date },
  plan: Plan,
  asOf: Date,
): Promise<OverdueOutcome> {
  const taken = await tx.dunningReminder.findMany({ where: { invoiceId: invoice.id }, select: { step: true } });
  const policy = { reminderDays: plan.dunningReminderDays, finalAfterDays: plan.dunningFinalAfterDays };
  const step = dunningStepDue(invoice.dueDate, policy, new Set(taken.map((row) => row.step)), asOf);
  if (step === null || !(await recordStep(tx, invoice, step, asOf))) return nothing;
  if (step !== finalStep) {
    await remind(tx, actor, events, invoice, step);
    return { ...nothing, reminder: step };
  }
  await finalAction(tx, actor, events, invoice, plan.dunningFinalAction, asOf);
  return { ...nothing, finalAction: plan.dunningFinalAction };
}

/** The step's row; false when it was already taken (the unique (invoice_id, step) said so). */
async function recordStep(tx: BillingTx, invoice: Invoice, step: number, asOf: Date): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO dunning_reminders (tenant_id, invoice_id, step, sent_at) VALUES ($1::uuid, $2::uuid, $3, $4)
     ON CONFLICT (invoice_id, step) DO NOTHING`,
    invoice.tenantId,
    invoice.id,
    step,
    asOf,
  );
  return inserted === 1;
}

/** The reminder is a domain event (`invoice.payment_reminder`), which the tenant's webhooks deliver. */
async function remind(tx: BillingTx, actor: ClockActor, events: EventsAtEnd, invoice: Invoice, step: number) {
  await auditRow(tx, actor, 'invoice.payment_reminder', 'Invoice', invoice, { step });
  events.add(() =>
    recordEvent(tx, {
      type: 'invoice.payment_reminder',
      tenantId: invoice.tenantId,
      entityId: invoice.id,
      payload: {
        id: invoice.id,
        number: invoice.number,
        customerId: invoice.customerId,
        subscriptionId: invoice.subscriptionId,
        currency: invoice.currency,
        total: invoice.total,
        amountPaid: invoice.amountPaid,
        dueDate: invoice.dueDate,
        step,
      },
      requestId: actor.requestId,
    }),
  );
}

/** The plan's last word: the invoice UNCOLLECTIBLE, or the subscription CANCELLED (the invoice stays OPEN). */
async function finalAction(
  tx: BillingTx,
  actor: ClockActor,
  events: EventsAtEnd,
  invoice: Invoice,
  action: Plan['dunningFinalAction'],
  asOf: Date,
) {
  if (action === 'MARK_UNCOLLECTIBLE') {
    const updated = await tx.invoice.update({ where: { id: invoice.id }, data: { status: 'UNCOLLECTIBLE' } });
    await auditRow(tx, actor, 'invoice.mark_uncollectible', 'Invoice', invoice, { from: 'OPEN', dunning: true });
    events.add(() => recordRowChange(tx, actor, 'invoice.uncollectible', invoice, updated));
    return;
  }
  const subscriptionId = invoice.subscriptionId!;
  await lockedRow(tx, 'subscriptions', subscriptionId);
  const subscription = await tx.subscription.findFirstOrThrow({ where: { id: subscriptionId } });
  if (subscription.status === 'CANCELLED') return;
  const data = {
    status: 'CANCELLED' as const,
    cancelledAt: asOf,
    cancelAtPeriodEnd: false,
    cancelReason: `Unpaid invoice ${invoice.number}`,
  };
  const updated = await tx.subscription.update({ where: { id: subscriptionId }, data });
  await auditRow(tx, actor, 'subscription.cancel', 'Subscription', subscription, { ...data, dunning: invoice.id });
  events.add(() => recordRowChange(tx, actor, 'subscription.cancelled', subscription, updated));
}
