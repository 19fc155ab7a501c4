import { describe, expect, it } from 'vitest';
import { couponDiscounts, type DiscountingCoupon, periodsOf } from './coupon-discounts.ts';
import { Prisma } from './db.ts';

const d = (value: string) => new Prisma.Decimal(value);
const percent = (value: string): DiscountingCoupon => ({
  appliedCouponId: `p${value}`,
  couponId: 'c',
  name: `${value}%`,
  kind: 'PERCENTAGE',
  percentOff: d(value),
  amountOff: null,
});
const fixed = (value: string): DiscountingCoupon => ({
  appliedCouponId: `f${value}`,
  couponId: 'c',
  name: value,
  kind: 'FIXED_AMOUNT',
  percentOff: null,
  amountOff: d(value),
});
const amounts = (subtotal: string, coupons: DiscountingCoupon[], currency = 'USD') =>
  couponDiscounts(d(subtotal), coupons, currency).map((discount) => discount.amount.toFixed(2));

describe('couponDiscounts', () => {
  it('takes a percentage of the subtotal, rounded half-up to the minor unit', () => {
    expect(amounts('99.99', [percent('12.5')])).toEqual(['12.50']);
    expect(amounts('1001', [percent('33.3333')], 'JPY')).toEqual(['334.00']);
  });

  it('applies coupons in order, each on what the earlier ones left', () => {
    expect(amounts('100', [fixed('20'), percent('50')])).toEqual(['20.00', '40.00']);
  });

  it('never takes the invoice below zero', () => {
    expect(amounts('15', [fixed('10'), fixed('10')])).toEqual(['10.00', '5.00']);
    expect(amounts('-5', [fixed('10')])).toEqual(['0.00']);
  });
});

describe('periodsOf', () => {
  it('ONCE is one invoice, REPEATING n, FOREVER unlimited', () => {
    expect(periodsOf({ duration: 'ONCE', durationPeriods: null })).toBe(1);
    expect(periodsOf({ duration: 'REPEATING', durationPeriods: 3 })).toBe(3);
    expect(periodsOf({ duration: 'FOREVER', durationPeriods: null })).toBeNull();
  });
});
