import { describe, expect, it } from 'vitest';
import {
  addFractions,
  addTo,
  compareFractions,
  formatCents,
  moneyList,
  toUnits,
  zero,
  type Fraction,
} from './summary-money.ts';

const units = (value: string): Fraction => ({ numerator: toUnits(value), denominator: 1n });

describe('toUnits', () => {
  it.each([
    ['1234.5', 12_345_000n],
    ['-0.0100', -100n],
    ['0', 0n],
    ['7', 70_000n],
    ['0.0001', 1n],
    ['999999999999999.9999', 9_999_999_999_999_999_999n],
  ])('reads %s as %d ten-thousandths', (decimal, expected) => {
    expect(toUnits(decimal)).toBe(expected);
  });
});

describe('fractions', () => {
  it('adds over the least common denominator', () => {
    expect(addFractions({ numerator: 1n, denominator: 2n }, { numerator: 1n, denominator: 3n })).toEqual({
      numerator: 5n,
      denominator: 6n,
    });
    expect(addFractions(zero, units('1.5'))).toEqual(units('1.5'));
  });

  it('compares exactly', () => {
    expect(compareFractions({ numerator: 1n, denominator: 3n }, { numerator: 33n, denominator: 100n })).toBe(1);
    expect(compareFractions({ numerator: 2n, denominator: 4n }, { numerator: 1n, denominator: 2n })).toBe(0);
    expect(compareFractions(units('-1'), zero)).toBe(-1);
  });
});

describe('formatCents', () => {
  it.each([
    ['1234.5', '1234.50'],
    ['0.005', '0.01'],
    ['0.0049', '0.00'],
    ['-0.005', '-0.01'],
    ['-0.0049', '0.00'],
    ['2.675', '2.68'],
  ])('rounds %s half away from zero to %s', (value, cents) => {
    expect(formatCents(units(value))).toBe(cents);
  });

  it('rounds a fraction only at the end: a third of 1.00 is 0.33, two thirds 0.67', () => {
    expect(formatCents({ numerator: toUnits('1'), denominator: 3n })).toBe('0.33');
    expect(formatCents({ numerator: toUnits('2'), denominator: 3n })).toBe('0.67');
  });
});

describe('sums per currency', () => {
  it('adds each currency on its own and lists them sorted by code', () => {
    const sums = new Map<string, Fraction>();
    addTo(sums, 'USD', units('0.004'));
    addTo(sums, 'EUR', units('10'));
    addTo(sums, 'USD', units('0.004'));
    expect(moneyList(sums)).toEqual([
      { amount: '10.00', currency: 'EUR' },
      { amount: '0.01', currency: 'USD' },
    ]);
  });
});
