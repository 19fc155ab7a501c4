import { dailySeries, growthWindowStart, withScope } from '@codex/kit';
import type { BillingRequest } from './request.ts';
import { addTo, moneyList, toUnits, type Fraction, type Money } from './summary-money.ts';

/** Revenue of one UTC day: one entry per currency, sorted by code (none on a day without payments). */
export interface DailyMoney {
  day: Date;
  amounts: Money[];
}

interface RevenueRow {
  day: Date;
  currency: string;
  total: string;
}

/** Collected amounts of PAID invoices per payment day and currency (exact numeric sums, rounded to cents once). */
function sumsByDay(rows: RevenueRow[]): Map<number, Map<string, Fraction>> {
  const days = new Map<number, Map<string, Fraction>>();
  for (const row of rows) {
    const day = row.day.getTime();
    const sums = days.get(day) ?? new Map<string, Fraction>();
    addTo(sums, row.currency, { numerator: toUnits(row.total), denominator: 1n });
    days.set(day, sums);
  }
  return days;
}

/**
 * What PAID invoices collected (amount paid less refunds, as the revenue counters count it) per UTC
 * day of payment over the last 30 days, today included, oldest first:
 * a range read of the index on `(status, paid_at)`. SUPERADMIN (permissions): every tenant's rows.
 */
export async function revenueGrowth(
  request: Pick<BillingRequest, 'db' | 'dataScope'>,
  now = new Date(),
): Promise<DailyMoney[]> {
  const start = growthWindowStart(now);
  const rows = await withScope(
    request.db,
    request.dataScope,
    (tx) =>
      tx.$queryRaw<RevenueRow[]>`
      SELECT date_trunc('day', paid_at, 'UTC') AS day, currency::text AS currency, sum(amount_paid - refunded_amount)::text AS total
      FROM invoices WHERE status = 'PAID' AND paid_at >= ${start} GROUP BY 1, 2`,
  );
  const days = sumsByDay(rows);
  // The day series of the other growth fields, each day's amounts taken from the sums.
  return dailySeries(new Map(), now).map(({ day }) => ({
    day,
    amounts: moneyList(days.get(day.getTime()) ?? new Map()),
  }));
}
