/**
 * Money in summaries, computed exactly with integers: the stats tables hold amounts with 4
 * decimals, read here as BigInt counts of 1/10,000; a figure is rounded half-up to cents once, at
 * the end (never through a float, never rounding parts before summing them).
 */

/** An amount of money in one currency, as the `Money` GraphQL type shows it. */
export interface Money {
  amount: string;
  currency: string;
}

/** An exact fraction `numerator / denominator` of 1/10,000 units (denominator > 0). */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const scale = 4;

/** "1234.5" or "-0.0100" (PostgreSQL numeric text, at most 4 decimals) → 1/10,000 units. */
export function toUnits(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0').slice(0, scale) || '0');
  return negative ? -units : units;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** a/b + c/d over the least common denominator. */
export function addFractions(left: Fraction, right: Fraction): Fraction {
  const denominator = (left.denominator / gcd(left.denominator, right.denominator)) * right.denominator;
  return {
    numerator: left.numerator * (denominator / left.denominator) + right.numerator * (denominator / right.denominator),
    denominator,
  };
}

export const zero: Fraction = { numerator: 0n, denominator: 1n };

/** Compares two fractions exactly (negative: left is smaller). */
export const compareFractions = (left: Fraction, right: Fraction): number => {
  const difference = left.numerator * right.denominator - right.numerator * left.denominator;
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
};

/** The fraction rounded half-up (half away from zero) to cents, formatted with 2 decimals: "1234.50". */
export function formatCents(value: Fraction): string {
  const magnitude = value.numerator < 0n ? -value.numerator : value.numerator;
  const divisor = value.denominator * 100n; // 1/10,000 units per cent
  const cents = (2n * magnitude + divisor) / (2n * divisor);
  const sign = value.numerator < 0n && cents > 0n ? '-' : '';
  return `${sign}${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/** Per currency sums → `Money` entries sorted by currency code. */
export function moneyList(byCurrency: ReadonlyMap<string, Fraction>): Money[] {
  return [...byCurrency]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([currency, value]) => ({ amount: formatCents(value), currency }));
}

/** Adds `value` to the currency's running sum in `sums`. */
export function addTo(sums: Map<string, Fraction>, currency: string, value: Fraction): void {
  sums.set(currency, addFractions(sums.get(currency) ?? zero, value));
}
