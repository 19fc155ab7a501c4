import { Prisma, type BillingInterval } from './db.ts';
import { roundMoney } from './money.ts';
import { periodEnd } from './periods.ts';

type Decimal = Prisma.Decimal;

/** What proration needs of a plan. */
export interface PricedPlan {
  id: string;
  name: string;
  amount: Decimal;
  interval: BillingInterval;
  intervalCount: number;
}

/** A line a plan change bills: a credit (negative) for the old plan or a charge for the new one. */
export interface ProrationLine {
  kind: 'PRORATION_CREDIT' | 'PRORATION_CHARGE';
  description: string;
  quantity: Decimal;
  /** The per-seat prorated price, to the column's 4 places; `amount` is computed exactly from the plan. */
  unitPrice: Decimal;
  amount: Decimal;
  periodStart: Date;
  periodEnd: Date;
}

export interface PlanChange {
  current: PricedPlan;
  next: PricedPlan;
  quantity: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  /** The instant the change takes effect, inside [periodStart, periodEnd). */
  changeAt: Date;
}

const monthsOf = (plan: Pick<PricedPlan, 'interval' | 'intervalCount'>) =>
  plan.interval === 'YEAR' ? 12 * plan.intervalCount : plan.intervalCount;

/** A plan's price per month (amount ÷ months per interval): what "upgrade" compares. */
export const monthlyPrice = (plan: Pick<PricedPlan, 'amount' | 'interval' | 'intervalCount'>) =>
  plan.amount.dividedBy(monthsOf(plan));

/** A downgrade costs strictly less per month; anything else (same price too) counts as an upgrade. */
export const isDowngrade = (current: PricedPlan, next: PricedPlan) =>
  monthlyPrice(next).lessThan(monthlyPrice(current));

/** Whole seconds since the epoch: proration is to the second, as Stripe's. */
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The share of [start, end) that is left at `at`, as an exact fraction (numerator, denominator) in seconds. */
export function remainingShare(start: Date, end: Date, at: Date): { left: number; whole: number } {
  const whole = seconds(end) - seconds(start);
  const left = Math.min(Math.max(seconds(end) - seconds(at), 0), whole);
  return { left, whole };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function proratedLine(
  kind: ProrationLine['kind'],
  plan: PricedPlan,
  change: PlanChange,
  period: { start: Date; end: Date; share: { left: number; whole: number } },
): ProrationLine {
  const sign = kind === 'PRORATION_CREDIT' ? -1 : 1;
  const prorated = (seats: number) =>
    plan.amount.times(seats).times(period.share.left).dividedBy(period.share.whole).times(sign);
  const label = kind === 'PRORATION_CREDIT' ? 'Unused time on' : 'Remaining time on';
  return {
    kind,
    description: `${label} ${plan.name} (${day(period.start)} – ${day(period.end)})`,
    quantity: new Prisma.Decimal(change.quantity),
    unitPrice: prorated(1).toDecimalPlaces(4, Prisma.Decimal.ROUND_HALF_UP),
    amount: roundMoney(prorated(change.quantity), change.currency),
    periodStart: period.start,
    periodEnd: period.end,
  };
}

/** True when the new plan bills on another cycle: its period then starts at the change. */
export const changesCycle = (current: PricedPlan, next: PricedPlan) => monthsOf(current) !== monthsOf(next);

/**
 * Stripe's proration, to the second: a credit for the unused part of the current plan over
 * [changeAt, periodEnd), and a charge for the new plan over the same span — or, when the billing
 * cycle changes, for a whole new period from the change (the cycle restarts there). Each line is
 * rounded half-up to the currency's minor unit on its own.
 */
export function prorationLines(change: PlanChange): ProrationLine[] {
  const { current, next, periodStart, periodEnd: end, changeAt } = change;
  const unused = remainingShare(periodStart, end, changeAt);
  const lines: ProrationLine[] = [];
  if (unused.left > 0)
    lines.push(proratedLine('PRORATION_CREDIT', current, change, { start: changeAt, end, share: unused }));
  if (changesCycle(current, next)) {
    const nextEnd = periodEnd(changeAt, next.interval, next.intervalCount);
    const whole = { left: 1, whole: 1 };
    lines.push(proratedLine('PRORATION_CHARGE', next, change, { start: changeAt, end: nextEnd, share: whole }));
  } else if (unused.left > 0) {
    lines.push(proratedLine('PRORATION_CHARGE', next, change, { start: changeAt, end, share: unused }));
  }
  return lines;
}
