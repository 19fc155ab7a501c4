import { allTenants, withScope } from '@codex/kit';
import type { Databases } from './databases.ts';

/**
 * Billing's summary figures computed directly from the base tables (subscriptions, plans,
 * invoices), independently of the stats tables and their triggers: what the summary must equal.
 * `tenantId` null: every tenant (the platform overview).
 */
type RawClient = { $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => Promise<T> };

export const summaryFields =
  'activeSubscriptions openInvoices trialingSubscriptions pastDueSubscriptions cancelledSubscriptions overdueInvoices mrr { amount currency } revenueThisMonth { amount currency } revenueAllTime { amount currency }';

const ofTenant = (alias = '') => `($1::uuid IS NULL OR ${alias}tenant_id = $1::uuid)`;
const months = `CASE p.interval WHEN 'YEAR' THEN 12 * p.interval_count ELSE p.interval_count END`;
const thisMonth = `date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;

const countsSql = `SELECT
    count(*) FILTER (WHERE status = 'ACTIVE')::int AS "activeSubscriptions",
    (SELECT count(*) FROM invoices WHERE status = 'OPEN' AND ${ofTenant()})::int AS "openInvoices",
    count(*) FILTER (WHERE status = 'TRIALING')::int AS "trialingSubscriptions",
    count(*) FILTER (WHERE status = 'PAST_DUE')::int AS "pastDueSubscriptions",
    count(*) FILTER (WHERE status = 'CANCELLED')::int AS "cancelledSubscriptions",
    (SELECT count(*) FROM invoices WHERE status = 'OPEN' AND due_date < now() AND ${ofTenant()})::int AS "overdueInvoices"
  FROM subscriptions WHERE ${ofTenant()}`;

/** Per cycle length the sums are exact; the division is done exactly afterwards (see monthlyCents). */
const mrrSql = `SELECT s.tenant_id::text COLLATE "C" AS "tenantId", p.currency::text AS currency, (${months})::int AS months, sum(p.amount * s.quantity)::text AS amount
  FROM subscriptions s JOIN plans p ON p.id = s.plan_id
  WHERE s.status IN ('ACTIVE', 'PAST_DUE') AND ${ofTenant('s.')}
  GROUP BY 1, 2, 3`;

interface CycleSum {
  tenantId: string;
  currency: string;
  months: number;
  amount: string;
}

/**
 * Σ amount / months rounded half-up to cents, exactly: PostgreSQL's numeric division keeps ~16
 * digits, so 3 × 10/3 would sum to 9.999… and round wrong at a half cent. Scaled to integers
 * over the product of the cycle lengths instead.
 */
export function monthlyCents(parts: readonly { amount: string; months: number }[]): {
  cents: bigint;
  exact: [bigint, bigint];
} {
  const denominator = [...new Set(parts.map((part) => BigInt(part.months)))].reduce(
    (product, months) => product * months,
    1n,
  );
  const numerator = parts.reduce((sum, part) => {
    const [whole, fraction = ''] = part.amount.split('.');
    return sum + (BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0'))) * (denominator / BigInt(part.months));
  }, 0n);
  // numerator / denominator is in 1/10,000; cents = that / 100, rounded half-up.
  return { cents: (numerator * 2n + denominator * 100n) / (denominator * 200n), exact: [numerator, denominator] };
}

export const formatCents = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;

/** Per key (e.g. currency, or tenant and currency), the exact MRR of the cycle sums. */
function mrrBy(rows: readonly CycleSum[], keyOf: (row: CycleSum) => string) {
  const groups = new Map<string, CycleSum[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return [...groups].map(([key, parts]) => ({ key, first: parts[0]!, ...monthlyCents(parts) }));
}

const byText = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);

const revenueSql = (
  window: string,
) => `SELECT round(sum(amount_paid - refunded_amount), 2)::text AS amount, currency::text AS currency
  FROM invoices WHERE status = 'PAID' AND paid_at IS NOT NULL AND ${ofTenant()} ${window}
  GROUP BY currency ORDER BY currency`;

export interface MoneyFigure {
  amount: string;
  currency: string;
}

export async function directSummaryIn(tx: RawClient, tenantId: string | null) {
  const [counts] = await tx.$queryRawUnsafe<Record<string, number>[]>(countsSql, tenantId);
  return {
    ...counts,
    mrr: mrrBy(await tx.$queryRawUnsafe<CycleSum[]>(mrrSql, tenantId), (row) => row.currency)
      .sort((left, right) => byText(left.key, right.key))
      .map((entry) => ({ amount: formatCents(entry.cents), currency: entry.key })),
    revenueThisMonth: await tx.$queryRawUnsafe<MoneyFigure[]>(
      revenueSql(
        `AND paid_at >= ${thisMonth} AND paid_at < (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'`,
      ),
      tenantId,
    ),
    revenueAllTime: await tx.$queryRawUnsafe<MoneyFigure[]>(revenueSql(''), tenantId),
  };
}

/** The 10 tenants with the highest MRR per currency (exact; ties by tenant id), currency then amount descending. */
export async function directTopTenants(tx: RawClient) {
  const perTenant = mrrBy(
    await tx.$queryRawUnsafe<CycleSum[]>(mrrSql, null),
    (row) => `${row.currency} ${row.tenantId}`,
  );
  const ranked = perTenant.sort((a, b) => {
    const difference = b.exact[0] * a.exact[1] - a.exact[0] * b.exact[1];
    return (
      byText(a.first.currency, b.first.currency) ||
      (difference > 0n ? 1 : difference < 0n ? -1 : 0) ||
      byText(a.first.tenantId, b.first.tenantId)
    );
  });
  return ranked
    .filter(
      (entry, index) =>
        ranked.slice(0, index).filter((other) => other.first.currency === entry.first.currency).length < 10,
    )
    .map((entry) => ({
      tenant: { id: entry.first.tenantId },
      amount: { amount: formatCents(entry.cents), currency: entry.first.currency },
    }));
}

/** Subscriptions created per UTC day, the last 30 days, oldest first ("YYYY-MM-DD"). */
export const directGrowthSql = `SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
    (SELECT count(*) FROM subscriptions WHERE created_at >= d.day AT TIME ZONE 'UTC' AND created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC')::int AS count
  FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days', date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS d(day)
  ORDER BY d.day`;

/** Every row of the four stats tables (of `tenantId`, or all), in a stable order, as text. */
export const statsRowsSql = `SELECT 'stats' AS t, row_to_json(s)::text AS row FROM billing_tenant_stats s WHERE ${ofTenant('s.')}
  UNION ALL SELECT 'mrr', row_to_json(m)::text FROM billing_tenant_mrr m WHERE ${ofTenant('m.')}
  UNION ALL SELECT 'revenue', row_to_json(r)::text FROM billing_tenant_revenue r WHERE ${ofTenant('r.')}
  UNION ALL SELECT 'totals', row_to_json(x)::text FROM billing_tenant_revenue_totals x WHERE ${ofTenant('x.')}
  ORDER BY 1, 2`;

/** A direct computation in its own transaction (all tenants visible). */
export const directSummary = (db: Databases, tenantId: string | null) =>
  withScope(db.billing, allTenants, (tx) => directSummaryIn(tx, tenantId));
