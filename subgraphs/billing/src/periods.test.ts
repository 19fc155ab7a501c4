import { describe, expect, it } from 'vitest';
import { addDays, addMonths, datesInWindow, periodEnd, subscriptionDates } from './periods.ts';
import { checkDerivedDate, isInDateWindow } from '@codex/kit';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('addMonths', () => {
  it.each([
    ['2027-01-31T00:00:00.000Z', 1, '2027-02-28T00:00:00.000Z'],
    ['2028-01-31T08:30:00.000Z', 1, '2028-02-29T08:30:00.000Z'],
    ['2026-03-31T00:00:00.000Z', 1, '2026-04-30T00:00:00.000Z'],
    ['2026-12-15T00:00:00.000Z', 1, '2027-01-15T00:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', 12, '2029-02-28T12:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', 48, '2032-02-29T12:00:00.000Z'],
    ['2026-01-31T00:00:00.000Z', 3, '2026-04-30T00:00:00.000Z'],
    ['2026-05-31T00:00:00.000Z', -3, '2026-02-28T00:00:00.000Z'],
  ])('%s + %d months = %s (a missing day clamps to the month’s last)', (start, months, end) => {
    expect(iso(addMonths(at(start), months))).toBe(end);
  });

  it('does not change its argument', () => {
    const start = at('2026-01-31T00:00:00.000Z');
    addMonths(start, 1);
    expect(iso(start)).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('periodEnd', () => {
  it('counts months or calendar years', () => {
    expect(iso(periodEnd(at('2026-01-31T00:00:00.000Z'), 'MONTH', 3))).toBe('2026-04-30T00:00:00.000Z');
    expect(iso(periodEnd(at('2028-02-29T00:00:00.000Z'), 'YEAR', 1))).toBe('2029-02-28T00:00:00.000Z');
    expect(iso(periodEnd(at('2028-02-29T00:00:00.000Z'), 'YEAR', 2))).toBe('2030-02-28T00:00:00.000Z');
    expect(iso(periodEnd(at('2028-02-29T00:00:00.000Z'), 'YEAR', 4))).toBe('2032-02-29T00:00:00.000Z');
  });
});

describe('subscriptionDates', () => {
  const monthly = { interval: 'MONTH' as const, intervalCount: 1 };

  it('a trial first: the first period starts when the trial ends', () => {
    const dates = subscriptionDates(at('2026-01-31T10:00:00.000Z'), monthly, 14);
    expect(dates).toEqual({
      status: 'TRIALING',
      trialStart: at('2026-01-31T10:00:00.000Z'),
      trialEnd: at('2026-02-14T10:00:00.000Z'),
      currentPeriodStart: at('2026-02-14T10:00:00.000Z'),
      currentPeriodEnd: at('2026-03-14T10:00:00.000Z'),
    });
  });

  it('no trial: active at once', () => {
    const dates = subscriptionDates(at('2028-02-29T00:00:00.000Z'), { interval: 'YEAR', intervalCount: 1 }, 0);
    expect(dates).toEqual({
      status: 'ACTIVE',
      trialStart: null,
      trialEnd: null,
      currentPeriodStart: at('2028-02-29T00:00:00.000Z'),
      currentPeriodEnd: at('2029-02-28T00:00:00.000Z'),
    });
  });

  it('a trial across a leap day counts days, not months', () => {
    expect(iso(addDays(at('2028-02-28T00:00:00.000Z'), 2))).toBe('2028-03-01T00:00:00.000Z');
    expect(subscriptionDates(at('2028-02-28T00:00:00.000Z'), monthly, 2).currentPeriodEnd).toEqual(
      at('2028-04-01T00:00:00.000Z'),
    );
  });
});

describe('the date window', () => {
  it.each([
    ['1900-01-01T00:00:00.000Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['1899-12-31T23:59:59.999Z', false],
    ['+010000-01-01T00:00:00.000Z', false],
  ])('%s is inside: %s', (value, inside) => {
    expect(isInDateWindow(at(value))).toBe(inside);
  });

  it('an invalid Date is outside', () => {
    expect(isInDateWindow(new Date(Number.NaN))).toBe(false);
    expect(isInDateWindow(addMonths(at('+275760-09-01T00:00:00.000Z'), 1))).toBe(false);
  });

  it('refuses derived dates past 9999 with BAD_USER_INPUT on the field given', () => {
    const dates = subscriptionDates(at('9999-12-15T00:00:00.000Z'), { interval: 'MONTH', intervalCount: 1 }, 0);
    expect(() => datesInWindow(dates, 'input.startAt')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.startAt' }),
      }),
    );
    const trial = subscriptionDates(at('9999-12-25T00:00:00.000Z'), { interval: 'MONTH', intervalCount: 1 }, 10);
    expect(() => datesInWindow(trial, 'input.startAt')).toThrow(/trial end/);
    expect(() => checkDerivedDate(at('1899-01-01T00:00:00.000Z'), 'planId', 'period end')).toThrow(/period end/);
  });

  it('lets a period that ends in 9999 through', () => {
    const dates = subscriptionDates(at('9999-11-15T00:00:00.000Z'), { interval: 'MONTH', intervalCount: 1 }, 0);
    expect(datesInWindow(dates, 'input.startAt').currentPeriodEnd).toEqual(at('9999-12-15T00:00:00.000Z'));
  });
});
