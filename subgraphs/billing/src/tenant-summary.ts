import { isUuid, readRowSets, withReadScope, type DataScope } from '@codex/kit';
import type { BillingDatabase } from './db.ts';
import { addTo, moneyList, toUnits, type Fraction, type Money } from './summary-money.ts';

/**
 * Billing's summary of a tenant (or of the platform), read from the stats tables that triggers keep
 * in the transaction of every write (prisma/billing/migrations/*_billing_stats_triggers): a few rows
 * per tenant whatever the number of subscriptions and invoices. Only `overdueInvoices` depends on
 * the clock, so it is counted through the (tenant_id, status, due_date) index instead.
 */
export interface TenantBillingSummary {
  activeSubscriptions: number;
  openInvoices: number;
  trialingSubscriptions: number;
  pastDueSubscriptions: number;
  cancelledSubscriptions: number;
  overdueInvoices: number;
  mrr: Money[];
  revenueThisMonth: Money[];
  revenueAllTime: Money[];
}

export const emptyBillingSummary = (): TenantBillingSummary => ({
  activeSubscriptions: 0,
  openInvoices: 0,
  trialingSubscriptions: 0,
  pastDueSubscriptions: 0,
  cancelledSubscriptions: 0,
  overdueInvoices: 0,
  mrr: [],
  revenueThisMonth: [],
  revenueAllTime: [],
});

interface CounterRow {
  key: string;
  trialing: number;
  active: number;
  pastDue: number;
  cancelled: number;
  open: number;
  overdue: number;
}

interface MoneyRow {
  key: string;
  kind: 'mrr' | 'month' | 'total';
  currency: string;
  months: number;
  amount: string;
}

/** Raw SQL over the stats tables, grouped by `key` (a tenant id, or 'platform' for every tenant). */
interface SummarySql {
  counters: string;
  money: string;
}

/** `key` and `where` are code constants; the only parameter is $1, the tenant ids (when used). */
const moneySql = (key: string, where: string) => `
  SELECT ${key} AS key, 'mrr' AS kind, currency::text AS currency, interval_months AS months, sum(recurring_amount)::text AS amount
  FROM billing_tenant_mrr WHERE ${where} GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT ${key}, 'month', currency::text, 1, sum(amount)::text
  FROM billing_tenant_revenue WHERE ${where} AND month = date_trunc('month', now() AT TIME ZONE 'UTC')::date GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT ${key}, 'total', currency::text, 1, sum(amount)::text
  FROM billing_tenant_revenue_totals WHERE ${where} GROUP BY 1, 2, 3, 4`;

/** Per tenant: its stats row (zeros when it has none) and its overdue invoices. */
export const tenantSummarySql: SummarySql = {
  counters: `
    SELECT t.id::text AS key, coalesce(s.trialing_subscriptions, 0) AS trialing, coalesce(s.active_subscriptions, 0) AS active,
      coalesce(s.past_due_subscriptions, 0) AS "pastDue", coalesce(s.cancelled_subscriptions, 0) AS cancelled,
      coalesce(s.open_invoices, 0) AS open,
      (SELECT count(*) FROM invoices i WHERE i.tenant_id = t.id AND i.status = 'OPEN' AND i.due_date < now())::int AS overdue
    FROM unnest($1::uuid[]) AS t(id) LEFT JOIN billing_tenant_stats s ON s.tenant_id = t.id`,
  money: moneySql('tenant_id::text', 'tenant_id = ANY($1::uuid[])'),
};

/** Every tenant the scope shows, summed (the platform overview): at most one stats row per tenant. */
export const platformSummarySql: SummarySql = {
  counters: `
    SELECT 'platform' AS key, coalesce(sum(trialing_subscriptions), 0)::int AS trialing,
      coalesce(sum(active_subscriptions), 0)::int AS active, coalesce(sum(past_due_subscriptions), 0)::int AS "pastDue",
      coalesce(sum(cancelled_subscriptions), 0)::int AS cancelled, coalesce(sum(open_invoices), 0)::int AS open,
      (SELECT count(*) FROM invoices WHERE status = 'OPEN' AND due_date < now())::int AS overdue
    FROM billing_tenant_stats`,
  money: moneySql(`'platform'`, 'true'),
};

/** Turns the counters and money rows into summaries per key; MRR = Σ recurring amount / months, exact. */
function summariesOf(counters: CounterRow[], moneyRows: MoneyRow[]): Map<string, TenantBillingSummary> {
  const summaries = new Map<string, TenantBillingSummary>();
  for (const row of counters) {
    summaries.set(row.key, {
      ...emptyBillingSummary(),
      activeSubscriptions: row.active,
      openInvoices: row.open,
      trialingSubscriptions: row.trialing,
      pastDueSubscriptions: row.pastDue,
      cancelledSubscriptions: row.cancelled,
      overdueInvoices: row.overdue,
    });
  }
  const sums = new Map<string, Record<MoneyRow['kind'], Map<string, Fraction>>>();
  for (const row of moneyRows) {
    const own = sums.get(row.key) ?? { mrr: new Map(), month: new Map(), total: new Map() };
    sums.set(row.key, own);
    addTo(own[row.kind], row.currency, { numerator: toUnits(row.amount), denominator: BigInt(row.months) });
  }
  for (const [key, own] of sums) {
    const summary = summaries.get(key) ?? emptyBillingSummary();
    summaries.set(key, {
      ...summary,
      mrr: moneyList(own.mrr),
      revenueThisMonth: moneyList(own.month),
      revenueAllTime: moneyList(own.total),
    });
  }
  return summaries;
}

/** `sql`'s counters and money rows in one statement (one round trip), in a read session scoped for row-level security. */
export async function readSummaries(db: BillingDatabase, scope: DataScope, sql: SummarySql, parameters: unknown[]) {
  const { counters, money } = await withReadScope(db, scope, (tx) =>
    readRowSets<{ counters: CounterRow[]; money: MoneyRow[] }>(
      tx,
      { counters: sql.counters, money: sql.money },
      parameters,
    ),
  );
  return summariesOf(counters, money);
}

/** Billing figures for a batch of tenants (the DataLoader's batch): one statement, whatever the batch size. */
export async function summariseTenants(
  db: BillingDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
): Promise<Map<string, TenantBillingSummary>> {
  const ids = tenantIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  return readSummaries(db, scope, tenantSummarySql, [[...new Set(ids)]]);
}
