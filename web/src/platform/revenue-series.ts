/** A day of revenue as the overview query returns it: one amount per currency. */
export interface RevenueDay {
  day: string;
  amounts: readonly { amount: string; currency: string }[];
}

/** Each currency's total over the series (exact: summed in cents), sorted by code. */
export function revenueTotals(series: readonly RevenueDay[]) {
  const cents = new Map<string, bigint>();
  for (const { amounts } of series) {
    for (const { amount, currency } of amounts) {
      cents.set(currency, (cents.get(currency) ?? 0n) + toCents(amount));
    }
  }
  return [...cents]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, total]) => ({ currency, amount: fromCents(total) }));
}

/** "1234.5" → 123450n (amounts come with at most 2 decimals). */
function toCents(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

const fromCents = (cents: bigint) => {
  const magnitude = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
};

/** Chart rows: one per day, a number per currency (0 on days without payments in it). */
export function revenueChartRows(series: readonly RevenueDay[], currencies: readonly string[]) {
  return series.map(({ day, amounts }) => ({
    day,
    ...Object.fromEntries(
      currencies.map((currency) => [
        currency,
        Number(amounts.find((entry) => entry.currency === currency)?.amount ?? 0),
      ]),
    ),
  }));
}
