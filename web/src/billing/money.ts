import type { BillingInterval } from '../generated/operations.ts';

/**
 * A Decimal string with its currency, e.g. "1234.5000" USD → "$1,234.50". Intl formats the string
 * itself (no float on the way), so large amounts keep every digit.
 */
export function formatMoney(amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount as unknown as number);
  } catch {
    // An unknown currency code: show the figures as sent.
    return `${amount} ${currency}`;
  }
}

/** "month", "3 months", "year". */
export function formatInterval(interval: BillingInterval, count: number): string {
  const unit = interval === 'MONTH' ? 'month' : 'year';
  return count === 1 ? unit : `${count} ${unit}s`;
}

/** A plan's price line: "$29.00 / month". */
export const formatPrice = (plan: {
  amount: string;
  currency: string;
  interval: BillingInterval;
  intervalCount: number;
}) => `${formatMoney(plan.amount, plan.currency)} / ${formatInterval(plan.interval, plan.intervalCount)}`;
