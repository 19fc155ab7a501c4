import { createdPerDay, withScope, type DailyCount } from '@codex/kit';
import type { BillingRequest } from './request.ts';

/** What the platform figures need: the scoped database (SUPERADMIN: every tenant). */
type PlatformRequest = Pick<BillingRequest, 'db' | 'dataScope'>;
import {
  addFractions,
  compareFractions,
  formatCents,
  toUnits,
  zero,
  type Fraction,
  type Money,
} from './summary-money.ts';
import { platformSummarySql, readSummaries, emptyBillingSummary, type TenantBillingSummary } from './tenant-summary.ts';

/** The platform overview is one entity, always this id. */
export const platformOverviewId = 'platform';

/** The overview entity as this subgraph resolves it: its id only, every figure is a field resolver. */
export interface PlatformOverviewReference {
  id: string;
}

/** How many tenants `topTenantsByMrr` shows per currency. */
export const topTenantsPerCurrency = 10;

export interface TenantMoney {
  tenant: { __typename: 'Tenant'; id: string };
  amount: Money;
}

/** Billing's summary summed across every tenant (SUPERADMIN: the request's scope shows all rows). */
export async function platformBillingSummary(request: PlatformRequest): Promise<TenantBillingSummary> {
  const summaries = await readSummaries(request.db, request.dataScope, platformSummarySql, []);
  return summaries.get(platformOverviewId) ?? emptyBillingSummary();
}

interface MrrRow {
  tenantId: string;
  currency: string;
  months: number;
  amount: string;
}

/**
 * The tenants with the highest MRR in each currency (exact comparison, ties by tenant id), currency
 * code first then amount descending. Reads the MRR stats rows: a few per tenant.
 */
export async function topTenantsByMrr(request: PlatformRequest): Promise<TenantMoney[]> {
  const rows = await withScope(request.db, request.dataScope, (tx) =>
    tx.$queryRawUnsafe<MrrRow[]>(
      `SELECT tenant_id::text AS "tenantId", currency::text AS currency, interval_months AS months, recurring_amount::text AS amount
       FROM billing_tenant_mrr`,
    ),
  );
  const mrr = new Map<string, { tenantId: string; currency: string; value: Fraction }>();
  for (const row of rows) {
    const key = `${row.currency} ${row.tenantId}`;
    const value = { numerator: toUnits(row.amount), denominator: BigInt(row.months) };
    mrr.set(key, {
      tenantId: row.tenantId,
      currency: row.currency,
      value: addFractions(mrr.get(key)?.value ?? zero, value),
    });
  }
  const ranked = [...mrr.values()].sort(
    (a, b) =>
      (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0) ||
      compareFractions(b.value, a.value) ||
      (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0),
  );
  const shown = new Map<string, number>();
  return ranked.flatMap((entry) => {
    const position = shown.get(entry.currency) ?? 0;
    shown.set(entry.currency, position + 1);
    if (position >= topTenantsPerCurrency) return [];
    return [
      {
        tenant: { __typename: 'Tenant' as const, id: entry.tenantId },
        amount: { amount: formatCents(entry.value), currency: entry.currency },
      },
    ];
  });
}

/** Subscriptions created per UTC day over the last 30 days (through the index on subscriptions.created_at). */
export const subscriptionGrowth = (request: PlatformRequest): Promise<DailyCount[]> =>
  withScope(request.db, request.dataScope, (tx) => createdPerDay(tx, 'subscriptions'));
