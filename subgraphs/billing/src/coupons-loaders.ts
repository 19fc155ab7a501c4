import { byIdLoaders, type DataScope } from '@codex/kit';
import type { AppliedCoupon, BillingDatabase } from './db.ts';
import { childrenLoader } from './loaders.ts';

/** Most applied coupons a subscription shows (ended ones included). */
export const maxAppliedCoupons = 100;

/** Per request, over the request's scoped database (see createBillingLoaders). */
export function createCouponLoaders(db: BillingDatabase, scope: DataScope) {
  const appliedByIds = (ids: string[]): Promise<AppliedCoupon[]> =>
    db.appliedCoupon.findMany({ where: { id: { in: ids } } });
  return {
    ...byIdLoaders({ couponById: db.coupon }),
    appliedCouponsOfSubscription: childrenLoader(
      db,
      scope,
      {
        table: 'applied_coupons',
        keyColumn: 'subscription_id',
        order: 'applied_at ASC, id ASC',
        limit: maxAppliedCoupons,
      },
      appliedByIds,
    ),
  };
}
