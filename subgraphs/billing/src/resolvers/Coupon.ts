import { isRedeemable } from '../coupons.ts';
import type { AppliedCouponResolvers, CouponResolvers, InvoiceDiscountResolvers } from '../generated/graphql.ts';

export const Coupon: CouponResolvers = {
  active: (coupon, _args, context) => isRedeemable(coupon, context.clock.now()),
};

export const AppliedCoupon: AppliedCouponResolvers = {
  // A coupon on a subscription is never deleted (FK restrict) and shares its tenant: missing is a bug.
  coupon: async (applied, _args, context) => {
    const coupon = await context.loaders.couponById.load(applied.couponId);
    if (!coupon) throw new Error(`coupon ${applied.couponId} not found`);
    return coupon;
  },
  subscription: async (applied, _args, context) => {
    const subscription = await context.loaders.subscriptionById.load(applied.subscriptionId);
    if (!subscription) throw new Error(`subscription ${applied.subscriptionId} not found`);
    return subscription;
  },
};

export const InvoiceDiscount: InvoiceDiscountResolvers = {
  coupon: (discount, _args, context) => context.loaders.couponById.load(discount.couponId),
};
