import { auditRow, recordRowChange } from '@codex/kit';
import type { Invoice, Subscription } from '../db.ts';
import type { BillingTx } from '../request.ts';
import { eventsAtEnd, lockedRow, type ClockActor, type EventsAtEnd } from './work.ts';

/** Open invoices of the subscription whose due date has passed by `asOf`, `except` one. */
const overdueInvoices = (tx: BillingTx, subscriptionId: string, asOf: Date, except?: string) =>
  tx.invoice.count({
    where: { subscriptionId, status: 'OPEN', dueDate: { lt: asOf }, ...(except ? { id: { not: except } } : {}) },
  });

/** Sets the subscription's status, with its audit row and `subscription.updated` event (written with `events`). */
async function setStatus(
  tx: BillingTx,
  actor: ClockActor,
  events: EventsAtEnd,
  subscription: Subscription,
  status: Subscription['status'],
  action: string,
) {
  const updated = await tx.subscription.update({ where: { id: subscription.id }, data: { status } });
  await auditRow(tx, actor, action, 'Subscription', subscription, { from: subscription.status, status });
  events.add(() => recordRowChange(tx, actor, 'subscription.updated', subscription, updated));
  return updated;
}

/** An ACTIVE subscription with an overdue invoice becomes PAST_DUE (the caller holds the invoice's lock). */
export async function markSubscriptionPastDue(
  tx: BillingTx,
  actor: ClockActor,
  events: EventsAtEnd,
  subscriptionId: string,
) {
  await lockedRow(tx, 'subscriptions', subscriptionId);
  const subscription = await tx.subscription.findFirst({ where: { id: subscriptionId } });
  if (subscription?.status !== 'ACTIVE') return subscription;
  return setStatus(tx, actor, events, subscription, 'PAST_DUE', 'subscription.past_due');
}

/**
 * After `invoice` is paid: its PAST_DUE subscription is ACTIVE again unless another of its
 * invoices is still overdue. Returns what it changed, for the payment's audit row.
 */
export async function reactivateIfSettled(
  tx: BillingTx,
  actor: ClockActor,
  invoice: Pick<Invoice, 'id' | 'subscriptionId'>,
  now: Date,
): Promise<Record<string, unknown>> {
  if (!invoice.subscriptionId) return {};
  await lockedRow(tx, 'subscriptions', invoice.subscriptionId);
  const subscription = await tx.subscription.findFirst({ where: { id: invoice.subscriptionId } });
  if (subscription?.status !== 'PAST_DUE') return {};
  if ((await overdueInvoices(tx, subscription.id, now, invoice.id)) > 0) return {};
  const events = eventsAtEnd();
  await setStatus(tx, actor, events, subscription, 'ACTIVE', 'subscription.reactivate');
  await events.write();
  return { subscriptionStatus: 'ACTIVE' };
}
