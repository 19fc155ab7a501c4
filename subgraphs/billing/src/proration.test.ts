import { describe, expect, it } from 'vitest';
import { Prisma } from './db.ts';
import { isDowngrade, monthlyPrice, prorationLines, remainingShare } from './proration.ts';

const d = (value: string) => new Prisma.Decimal(value);
const plan = (name: string, amount: string, interval: 'MONTH' | 'YEAR' = 'MONTH', intervalCount = 1) => ({
  id: name,
  name,
  amount: d(amount),
  interval,
  intervalCount,
});
const start = new Date('2031-04-01T00:00:00Z');
const end = new Date('2031-05-01T00:00:00Z');
const day10 = new Date('2031-04-11T00:00:00Z');
const figures = (lines: ReturnType<typeof prorationLines>) =>
  lines.map((line) => [
    line.kind,
    line.amount.toFixed(2),
    line.periodStart.toISOString(),
    line.periodEnd.toISOString(),
  ]);

describe('monthlyPrice and isDowngrade', () => {
  it('compares plans per month: 120 a year is 10 a month, cheaper than 11 a month', () => {
    expect(monthlyPrice(plan('yearly', '120', 'YEAR')).toFixed(2)).toBe('10.00');
    expect(monthlyPrice(plan('quarterly', '30', 'MONTH', 3)).toFixed(2)).toBe('10.00');
    expect(isDowngrade(plan('a', '11'), plan('b', '120', 'YEAR'))).toBe(true);
    expect(isDowngrade(plan('a', '10'), plan('b', '120', 'YEAR'))).toBe(false);
    expect(isDowngrade(plan('a', '10'), plan('b', '30'))).toBe(false);
  });
});

describe('remainingShare', () => {
  it('counts whole seconds left of the period, clamped to it', () => {
    expect(remainingShare(start, end, day10)).toEqual({ left: 20 * 86_400, whole: 30 * 86_400 });
    expect(remainingShare(start, end, new Date(day10.getTime() + 999))).toEqual({
      left: 20 * 86_400,
      whole: 30 * 86_400,
    });
    expect(remainingShare(start, end, new Date('2031-06-01T00:00:00Z')).left).toBe(0);
    expect(remainingShare(start, end, new Date('2031-03-01T00:00:00Z')).left).toBe(30 * 86_400);
  });
});

describe('prorationLines', () => {
  const change = { quantity: 1, currency: 'USD', periodStart: start, periodEnd: end, changeAt: day10 };

  it('an upgrade on day 10 of 30 credits 20/30 of the old plan and charges 20/30 of the new one', () => {
    const lines = prorationLines({ ...change, current: plan('Basic', '30'), next: plan('Pro', '90') });
    expect(figures(lines)).toEqual([
      ['PRORATION_CREDIT', '-20.00', day10.toISOString(), end.toISOString()],
      ['PRORATION_CHARGE', '60.00', day10.toISOString(), end.toISOString()],
    ]);
  });

  it('multiplies by the seats and rounds each line half-up to the minor unit on its own', () => {
    const lines = prorationLines({ ...change, quantity: 3, current: plan('Basic', '10'), next: plan('Pro', '20.01') });
    // 10 × 3 × 2/3 = 20; 20.01 × 3 × 2/3 = 40.02
    expect(lines.map((line) => line.amount.toFixed(2))).toEqual(['-20.00', '40.02']);
    const odd = prorationLines({
      ...change,
      changeAt: new Date('2031-04-02T00:00:00Z'),
      current: plan('A', '10'),
      next: plan('B', '20'),
    });
    // 29/30 of 10 = 9.6666… → 9.67; of 20 = 19.3333… → 19.33
    expect(odd.map((line) => line.amount.toFixed(2))).toEqual(['-9.67', '19.33']);
    expect(odd[0]?.unitPrice.toFixed(4)).toBe('-9.6667');
  });

  it('rounds to the currency: yen have no minor unit', () => {
    const lines = prorationLines({ ...change, currency: 'JPY', current: plan('A', '1000'), next: plan('B', '2000') });
    expect(lines.map((line) => line.amount.toFixed(0))).toEqual(['-667', '1333']);
  });

  it('a change of billing cycle credits the unused part and charges a whole new period from the change', () => {
    const lines = prorationLines({ ...change, current: plan('Monthly', '30'), next: plan('Yearly', '300', 'YEAR') });
    expect(figures(lines)).toEqual([
      ['PRORATION_CREDIT', '-20.00', day10.toISOString(), end.toISOString()],
      ['PRORATION_CHARGE', '300.00', day10.toISOString(), '2032-04-11T00:00:00.000Z'],
    ]);
  });

  it('at the very end of the period nothing is left to prorate', () => {
    expect(prorationLines({ ...change, changeAt: end, current: plan('A', '10'), next: plan('B', '20') })).toEqual([]);
  });
});
