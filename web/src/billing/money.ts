import type { BillingInterval } from '../generated/operations.ts';
import { formatMoney } from '../ui/format.ts';

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
}) => `${formatMoney(plan)} / ${formatInterval(plan.interval, plan.intervalCount)}`;
