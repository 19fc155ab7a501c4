import { Prisma } from './db.ts';

const { Decimal } = Prisma;
type Decimal = Prisma.Decimal;

const minorUnitCache = new Map<string, number>();

/** Decimals of a currency's minor unit (USD 2, JPY 0, KWD 3), as ICU knows them. */
export function minorUnits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = minorUnitCache.get(code);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnitCache.set(code, digits);
  }
  return digits;
}

/** Half-up (half away from zero) to the currency's minor unit, exactly (never through a float). Every line rounds here. */
export const roundMoney = (amount: Decimal, currency: string) =>
  amount.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);

/** Amounts are billed in cents: half-up (half away from zero), never through a float. */
export const toCents = (value: Decimal) => roundMoney(value, 'USD');

export interface PricedLine {
  quantity: Decimal;
  unitPrice: Decimal;
}

export interface InvoiceFigures<L> {
  lines: (L & { amount: Decimal })[];
  subtotal: Decimal;
  discount: Decimal;
  tax: Decimal;
  total: Decimal;
}

/**
 * An invoice's figures. Each line is quantity × unit price rounded to the cent; the subtotal is the
 * sum of the lines; the discount comes off the subtotal; tax is `taxRatePercent` of
 * (subtotal − discount), rounded to the cent once on that total (not per line);
 * total = subtotal − discount + tax. Throws RangeError when the discount exceeds the subtotal.
 */
export function invoiceFigures<L extends PricedLine>(
  lines: L[],
  discount: Decimal,
  taxRatePercent: Decimal,
): InvoiceFigures<L> {
  const priced = lines.map((line) => ({ ...line, amount: toCents(line.quantity.times(line.unitPrice)) }));
  const subtotal = priced.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
  if (discount.greaterThan(subtotal)) throw new RangeError('discount exceeds subtotal');
  const tax = toCents(subtotal.minus(discount).times(taxRatePercent).dividedBy(100));
  return { lines: priced, subtotal, discount, tax, total: subtotal.minus(discount).plus(tax) };
}
