import { isUuid } from '@codex/kit';
import type { BillingReason, Subscription } from './db.ts';
import { transactionReads } from './draft-reads.ts';
import { draftInvoice, type BillableSubscription, type InvoiceDraft } from './invoice-builder.ts';
import { periodEnd } from './periods.ts';
import { inTransaction, type BillingRequest } from './request.ts';

/** `upcomingInvoice`'s answer: the draft that would be issued now, and why. */
export interface UpcomingInvoiceView extends InvoiceDraft {
  /** The subscription's tenant: the permission rules read it. */
  tenantId: string;
  subscription: Subscription;
  billingReason: BillingReason;
}

/**
 * What would be issued now (README "Billing"): usage since `usageBilledThrough` up to now, pending
 * items and coupons; when the current period has ended (renewal due), also the next period's plan
 * charge in advance, as the renewal invoice would (SUBSCRIPTION_CYCLE). Mid-period the plan line is
 * left out: the period was billed in advance when it began. Cancelled subscriptions: null. Nothing
 * is written (a read transaction, so the window and the coupons are read consistently).
 */
export async function upcomingInvoice(
  request: BillingRequest,
  subscriptionId: string,
  now = new Date(),
): Promise<UpcomingInvoiceView | null> {
  if (!isUuid(subscriptionId)) return null;
  return inTransaction(request, async (tx) => {
    const found = await tx.subscription.findFirst({
      where: { id: subscriptionId },
      include: { plan: true, scheduledPlan: true },
    });
    if (!found || found.status === 'CANCELLED') return null;
    const { scheduledPlan, ...current } = found;
    const renewalDue = current.currentPeriodEnd <= now && !current.cancelAtPeriodEnd;
    // The clock applies a scheduled plan before it drafts the renewal invoice: so does the preview.
    const subscription =
      renewalDue && scheduledPlan ? { ...current, plan: scheduledPlan, planId: scheduledPlan.id } : current;
    const next = renewalDue ? nextPeriod(subscription) : null;
    const usageTo = renewalDue ? subscription.currentPeriodEnd : now;
    const draft = await draftInvoice(transactionReads(tx), subscription, {
      reason: 'SUBSCRIPTION_CYCLE',
      periodStart: next?.start ?? null,
      periodEnd: next?.end ?? null,
      usageTo,
      asOf: now,
    });
    return { ...draft, tenantId: current.tenantId, subscription: current, billingReason: 'SUBSCRIPTION_CYCLE' };
  });
}

/** The period after the current one, by the calendar of its plan. */
function nextPeriod(subscription: BillableSubscription) {
  const start = subscription.currentPeriodEnd;
  return { start, end: periodEnd(start, subscription.plan.interval, subscription.plan.intervalCount) };
}
