import type { Subscription } from './db.ts';
import type { ProrationLine } from './proration.ts';
import type { BillingRequest, BillingTx } from './request.ts';

/** What an immediate plan change bills, decided by `plan-changes.ts`. */
export interface ChangeBilling {
  changeAt: Date;
  proration: 'NOW' | 'NEXT_INVOICE' | 'NONE';
  lines: ProrationLine[];
  /** Unique per change: each pending item's `sourceKey` is this plus its position. */
  sourceKey: string;
}

/** Pending items, in the order they are billed. */
async function writePendingItems(tx: BillingTx, subscription: Subscription, billing: ChangeBilling) {
  const items = billing.lines.map((line, position) => ({
    tenantId: subscription.tenantId,
    subscriptionId: subscription.id,
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    sourceKey: `${billing.sourceKey}:${position}`,
  }));
  if (items.length > 0) await tx.pendingInvoiceItem.createMany({ data: items });
  return items;
}

/**
 * Bills a change on the subscription as it was before it: its proration as pending items. The
 * returned `invoiceNow` runs after the subscription has moved to the new plan.
 */
export async function billChange(
  tx: BillingTx,
  _request: BillingRequest,
  subscription: Subscription,
  billing: ChangeBilling,
) {
  const items = await writePendingItems(tx, subscription, billing);
  return {
    audit: { pendingItems: items.map((item) => ({ kind: item.kind, amount: item.amount })) },
    invoiceNow: async (_updated: Subscription) => undefined,
  };
}
