import type { AppliedCouponResolvers, CouponResolvers } from '../generated/graphql.ts';
import { isRedeemable } from '../coupons.ts';

export const Coupon: CouponResolvers = {
  active: (coupon, _args, context) => isRedeemable(coupon, context.clock.now()),
};

export const AppliedCoupon: AppliedCouponResolvers = {
  // An applied coupon's coupon and subscription are in its tenant and never deleted: missing is a bug.
  coupon: async (applied, _args, context) => {
    const coupon = await context.loaders.couponById.load(applied.couponId);
    if (!coupon) throw new Error(`applied coupon ${applied.id} has no coupon`);
    return coupon;
  },
  subscription: async (applied, _args, context) => {
    const subscription = await context.loaders.subscriptionById.load(applied.subscriptionId);
    if (!subscription) throw new Error(`applied coupon ${applied.id} has no subscription`);
    return subscription;
  },
};
