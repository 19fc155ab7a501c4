import { summaryAccumulator } from '@codex/kit';
import type { BillingDatabase } from './db.ts';

export interface TenantBillingSummary {
  activeSubscriptions: number;
  openInvoices: number;
}

export const emptyBillingSummary = (): TenantBillingSummary => ({ activeSubscriptions: 0, openInvoices: 0 });

/** Billing figures for many tenants in two grouped queries. */
export async function summariseTenants(db: BillingDatabase, tenantIds: readonly string[]): Promise<Map<string, TenantBillingSummary>> {
  const tenantId = { in: [...tenantIds] };
  const [subscriptions, invoices] = await Promise.all([
    db.subscription.groupBy({ by: ['tenantId'], where: { tenantId, status: 'ACTIVE' }, _count: { _all: true } }),
    db.invoice.groupBy({ by: ['tenantId'], where: { tenantId, status: 'OPEN' }, _count: { _all: true } }),
  ]);
  const { summaries, of: summaryOf } = summaryAccumulator(emptyBillingSummary);
  for (const row of subscriptions) summaryOf(row.tenantId).activeSubscriptions = row._count._all;
  for (const row of invoices) summaryOf(row.tenantId).openInvoices = row._count._all;
  return summaries;
}
