import type { Plan, Subscription } from './db.ts';
import { type DraftLine, draftInvoice, issueInvoice } from './invoice-builder.ts';
import { transactionReads } from './draft-reads.ts';
import type { ProrationLine } from './proration.ts';
import type { BillingRequest, BillingTx } from './request.ts';

/** What an immediate plan change bills, decided by `plan-changes.ts`. */
export interface ChangeBilling {
  changeAt: Date;
  proration: 'NOW' | 'NEXT_INVOICE' | 'NONE';
  current: Plan;
  next: Plan;
  lines: ProrationLine[];
  /** Unique per change: each pending item's `sourceKey` is this plus its position. */
  sourceKey: string;
}

type ItemLine = Pick<DraftLine, 'kind' | 'description' | 'quantity' | 'unitPrice' | 'amount'> & {
  periodStart: Date | null;
  periodEnd: Date | null;
};

/**
 * The old plan's usage in [usageBilledThrough, change), priced by the old plan's charges (the
 * engine's draft with no plan line; its pending items are left out, they stay pending). Charges
 * with no usage in the window bill nothing and are left out.
 */
async function oldPlanUsage(tx: BillingTx, subscription: Subscription, billing: ChangeBilling) {
  const { changeAt } = billing;
  const draft = await draftInvoice(
    transactionReads(tx),
    { ...subscription, plan: billing.current },
    { reason: 'SUBSCRIPTION_UPDATE', periodStart: null, periodEnd: null, usageTo: changeAt, asOf: changeAt },
  );
  return draft.lines.filter((line) => line.kind === 'USAGE' && !line.pendingItemId && !line.quantity.isZero());
}

/**
 * Pending items in the order given. The builder bills pending items by (createdAt, id): each item
 * is stamped a millisecond after the one before, so one statement keeps their order.
 */
async function writePendingItems(
  tx: BillingTx,
  subscription: Subscription,
  lines: ItemLine[],
  options: { sourceKey: string; now: Date },
) {
  const { sourceKey, now } = options;
  const items = lines.map((line, position) => ({
    createdAt: new Date(now.getTime() + position),
    tenantId: subscription.tenantId,
    subscriptionId: subscription.id,
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    sourceKey: `${sourceKey}:${position}`,
  }));
  if (items.length > 0) await tx.pendingInvoiceItem.createMany({ data: items });
  return items;
}

/**
 * Issues what is pending (this change's items and any earlier ones) on an OPEN invoice of reason
 * SUBSCRIPTION_UPDATE, on the subscription as it is after the change. A net credit is not
 * invoiced (an invoice is never negative): it stays pending for the next invoice.
 */
async function invoicePending(tx: BillingTx, request: BillingRequest, updated: Subscription, billing: ChangeBilling) {
  const subscription = { ...updated, plan: billing.next };
  const now = request.clock.now();
  const options = { reason: 'SUBSCRIPTION_UPDATE' as const, periodStart: null, periodEnd: null };
  const draft = await draftInvoice(transactionReads(tx), subscription, {
    ...options,
    usageTo: billing.changeAt,
    asOf: now,
  });
  if (!draft.total.greaterThan(0)) return null;
  return issueInvoice(tx, request, subscription, draft, { reason: 'SUBSCRIPTION_UPDATE', finalize: true, now });
}

/**
 * Bills an immediate change: the old plan's usage up to the change and the proration become
 * pending items (before the subscription moves on, so usage is priced by the old plan). The
 * returned `invoiceNow` runs after the subscription has moved: with `proration: NOW` it invoices them.
 */
export async function billChange(
  tx: BillingTx,
  request: BillingRequest,
  subscription: Subscription,
  billing: ChangeBilling,
) {
  const usage = await oldPlanUsage(tx, subscription, billing);
  const items = await writePendingItems(tx, subscription, [...usage, ...billing.lines], {
    sourceKey: billing.sourceKey,
    now: request.clock.now(),
  });
  return {
    audit: { pendingItems: items.map((item) => ({ kind: item.kind, amount: item.amount })) },
    invoiceNow: async (updated: Subscription) =>
      billing.proration === 'NOW' ? invoicePending(tx, request, updated, billing) : null,
  };
}
