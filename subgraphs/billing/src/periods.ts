import { checkDerivedDate } from '@codex/kit';
import type { BillingInterval } from './db.ts';

const dayMs = 86_400_000;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * Calendar months in UTC, keeping the time of day. A day that the target month lacks clamps to its
 * last day: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year); Feb 29 + 12 months = Feb 28.
 */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  target.setUTCDate(Math.min(date.getUTCDate(), daysInMonth(target.getUTCFullYear(), target.getUTCMonth())));
  return target;
}

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * dayMs);

/** The end of a billing period that starts at `start`: `count` months or years later. */
export const periodEnd = (start: Date, interval: BillingInterval, count: number) =>
  addMonths(start, interval === 'YEAR' ? 12 * count : count);

export interface SubscriptionDates {
  status: 'TRIALING' | 'ACTIVE';
  trialStart: Date | null;
  trialEnd: Date | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
}

/** A new subscription: a trial of `trialDays` first (the first period starts when it ends), else active at once. */
export function subscriptionDates(
  start: Date,
  plan: { interval: BillingInterval; intervalCount: number },
  trialDays: number,
): SubscriptionDates {
  if (trialDays > 0) {
    const trialEnd = addDays(start, trialDays);
    return {
      status: 'TRIALING',
      trialStart: start,
      trialEnd,
      currentPeriodStart: trialEnd,
      currentPeriodEnd: periodEnd(trialEnd, plan.interval, plan.intervalCount),
    };
  }
  return {
    status: 'ACTIVE',
    trialStart: null,
    trialEnd: null,
    currentPeriodStart: start,
    currentPeriodEnd: periodEnd(start, plan.interval, plan.intervalCount),
  };
}

/** The dates of a new subscription, each inside the window, else BAD_USER_INPUT on `field`. */
export function datesInWindow(dates: SubscriptionDates, field: string): SubscriptionDates {
  if (dates.trialEnd) checkDerivedDate(dates.trialEnd, field, 'trial end');
  checkDerivedDate(dates.currentPeriodStart, field, 'period start');
  checkDerivedDate(dates.currentPeriodEnd, field, 'period end');
  return dates;
}
