import {
  byIdLoaders,
  createMapLoader,
  idsPerKey,
  isUuid,
  oncePerKey,
  rowsInKeyOrder,
  type DataScope,
  type RowsPerKeyQuery,
} from '@codex/kit';
import type DataLoader from 'dataloader';
import type { BillingDatabase, Invoice, InvoiceLineItem } from './db.ts';
import { createCreditNoteLoaders } from './credit-notes-loaders.ts';
import { createCustomerSubscriptionsLoader } from './customer-subscriptions.ts';
import { maxChargesPerPlan } from './plan-charges.ts';
import { emptyBillingSummary, summariseTenants } from './tenant-summary.ts';

/** Most lines an invoice shows (one for the plan, one per metric and unit price of its usage). */
export const maxInvoiceLines = 500;
/** Coupons shown on a subscription and discounts on an invoice (oldest first). */
export const maxCoupons = 100;

/**
 * Per parent key, the first `limit` child rows in `query` order: one window-function statement for
 * the ids of every parent, then one `findMany` by those ids — two queries per hop, whatever the
 * number of parents.
 */
export function childrenLoader<T extends { id: string }>(
  db: BillingDatabase,
  scope: DataScope,
  query: RowsPerKeyQuery,
  findByIds: (ids: string[]) => Promise<T[]>,
): DataLoader<string, T[]> {
  return createMapLoader(
    async (keys: readonly string[]) => {
      const idsByKey = await idsPerKey(db, scope, query, keys.filter(isUuid));
      const ids = [...idsByKey.values()].flat();
      return rowsInKeyOrder(idsByKey, ids.length > 0 ? await findByIds(ids) : []);
    },
    () => [],
  );
}

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export function createBillingLoaders(db: BillingDatabase, scope: DataScope) {
  const newestFirst = 'created_at DESC, id DESC';
  const invoicesByIds = (ids: string[]): Promise<Invoice[]> => db.invoice.findMany({ where: { id: { in: ids } } });
  const linesByIds = (ids: string[]): Promise<InvoiceLineItem[]> =>
    db.invoiceLineItem.findMany({ where: { id: { in: ids } } });
  const byId = byIdLoaders({
    planById: db.plan,
    subscriptionById: db.subscription,
    invoiceById: db.invoice,
    billableMetricById: db.billableMetric,
    couponById: db.coupon,
  });
  return {
    tenantSummary: createMapLoader(
      (tenantIds: readonly string[]) => summariseTenants(db, scope, tenantIds),
      emptyBillingSummary,
    ),
    ...byId,
    ...createCreditNoteLoaders(db, scope),
    chargesOfPlan: childrenLoader(
      db,
      scope,
      { table: 'plan_charges', keyColumn: 'plan_id', order: 'position ASC, id ASC', limit: maxChargesPerPlan },
      (ids) => db.planCharge.findMany({ where: { id: { in: ids } } }),
    ),
    discountsOfInvoice: childrenLoader(
      db,
      scope,
      { table: 'invoice_discounts', keyColumn: 'invoice_id', order: 'created_at ASC, id ASC', limit: maxCoupons },
      (ids) => db.invoiceDiscount.findMany({ where: { id: { in: ids } } }),
    ),
    appliedCouponsOfSubscription: childrenLoader(
      db,
      scope,
      { table: 'applied_coupons', keyColumn: 'subscription_id', order: 'applied_at ASC, id ASC', limit: maxCoupons },
      (ids) => db.appliedCoupon.findMany({ where: { id: { in: ids } } }),
    ),
    linesOfInvoice: childrenLoader(
      db,
      scope,
      { table: 'invoice_line_items', keyColumn: 'invoice_id', order: 'position ASC, id ASC', limit: maxInvoiceLines },
      linesByIds,
    ),
    subscriptionsOfCustomer: createCustomerSubscriptionsLoader(db, scope, byId.planById),
    // One loader per page size, so a request asking `invoices(first: 5)` and `invoices(first: 20)` gets both right.
    invoicesOfSubscription: oncePerKey((first: number) =>
      childrenLoader(
        db,
        scope,
        { table: 'invoices', keyColumn: 'subscription_id', order: newestFirst, limit: first },
        invoicesByIds,
      ),
    ),
  };
}
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
