import { Prisma } from './db.ts';
import { roundMoney } from './money.ts';

type Decimal = Prisma.Decimal;

/** An applied coupon as an invoice discounts it. */
export interface DiscountingCoupon {
  appliedCouponId: string;
  couponId: string;
  name: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  percentOff: Decimal | null;
  amountOff: Decimal | null;
}

export interface CouponDiscount {
  appliedCouponId: string;
  couponId: string;
  description: string;
  amount: Decimal;
}

function discountOf(coupon: DiscountingCoupon, left: Decimal, currency: string): Decimal {
  const wanted =
    coupon.kind === 'PERCENTAGE'
      ? roundMoney(left.times(coupon.percentOff ?? 0).dividedBy(100), currency)
      : (coupon.amountOff ?? new Prisma.Decimal(0));
  return Prisma.Decimal.min(wanted, left);
}

/**
 * The discounts of an invoice whose lines sum to `subtotal`, one per applied coupon in the order
 * they were applied (Lago's order): a percentage comes off what earlier coupons left, a fixed
 * amount comes off whole, and nothing takes the invoice below 0 (a fixed amount larger than what
 * is left is used up to it; Stripe's rule). A subtotal of 0 or less is not discounted.
 */
export function couponDiscounts(subtotal: Decimal, coupons: DiscountingCoupon[], currency: string): CouponDiscount[] {
  let left = Prisma.Decimal.max(subtotal, 0);
  return coupons.map((coupon) => {
    const amount = discountOf(coupon, left, currency);
    left = left.minus(amount);
    return {
      appliedCouponId: coupon.appliedCouponId,
      couponId: coupon.couponId,
      description: `Coupon ${coupon.name}`,
      amount,
    };
  });
}

/** How many invoices an applied coupon discounts: ONCE 1, REPEATING n, FOREVER unlimited (null). */
export const periodsOf = (coupon: { duration: 'ONCE' | 'REPEATING' | 'FOREVER'; durationPeriods: number | null }) =>
  coupon.duration === 'ONCE' ? 1 : coupon.duration === 'REPEATING' ? coupon.durationPeriods : null;
