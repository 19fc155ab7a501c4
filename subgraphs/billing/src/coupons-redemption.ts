import {
  auditRow,
  badInput,
  conflict,
  existingId,
  findExisting,
  notFound,
  parseInput,
  recordRowChange,
  recordRowEvent,
} from '@codex/kit';
import { couponCodeSchema } from './coupons.ts';
import type { AppliedCoupon, Coupon, Subscription } from './db.ts';
import { inTransaction, lockRow, type BillingRequest, type BillingTx } from './request.ts';

/** How many invoices an applied coupon discounts: ONCE 1, REPEATING n, FOREVER unlimited (null). */
export const periodsOf = (coupon: Pick<Coupon, 'duration' | 'durationPeriods'>) =>
  coupon.duration === 'ONCE' ? 1 : coupon.duration === 'REPEATING' ? coupon.durationPeriods : null;

/**
 * Takes one redemption in one statement: the row lock of the UPDATE queues concurrent redemptions
 * and the condition is checked under it, so a limit of n admits exactly n however many race.
 */
async function redeem(tx: BillingTx, couponId: string): Promise<boolean> {
  const taken = await tx.$queryRaw<{ id: string }[]>`
    UPDATE coupons SET times_redeemed = times_redeemed + 1, updated_at = now()
    WHERE id = ${couponId}::uuid AND (max_redemptions IS NULL OR times_redeemed < max_redemptions)
    RETURNING id`;
  return taken.length > 0;
}

/** Why a coupon cannot be applied to this subscription now, or null. */
async function refusal(tx: BillingTx, coupon: Coupon, subscription: Subscription, now: Date) {
  if (coupon.archivedAt) return 'This coupon is archived';
  if (coupon.expiresAt && coupon.expiresAt <= now) return 'This coupon has expired';
  if (coupon.kind === 'FIXED_AMOUNT') {
    const plan = await tx.plan.findFirstOrThrow({ where: { id: subscription.planId }, select: { currency: true } });
    if (plan.currency !== coupon.currency) return `This coupon is in ${coupon.currency}, the plan in ${plan.currency}`;
  }
  return null;
}

/**
 * ADMIN of the subscription's tenant (or SUPERADMIN): the coupon with `code` in the subscription's
 * tenant discounts its next invoices (ONCE: one, REPEATING: n, FOREVER: all). A coupon is held
 * once per subscription at a time; archived, expired, used-up or other-currency coupons are refused.
 */
export async function applyCoupon(request: BillingRequest, subscriptionId: string, code: string) {
  const id = existingId(subscriptionId, 'Subscription');
  const couponCode = parseInput(couponCodeSchema, code, 'code');
  return inTransaction(request, async (tx) => {
    await lockRow(tx, 'subscriptions', id);
    const subscription = await findExisting(tx.subscription, id, 'Subscription');
    if (subscription.status === 'CANCELLED')
      throw badInput('A cancelled subscription takes no coupons', 'subscriptionId');
    const coupon = await tx.coupon.findFirst({ where: { tenantId: subscription.tenantId, code: couponCode } });
    if (!coupon) throw notFound('Coupon', 'code');
    const refused = await refusal(tx, coupon, subscription, request.clock.now());
    if (refused) throw badInput(refused, 'code');
    const held = await tx.appliedCoupon.findFirst({
      where: { subscriptionId: id, couponId: coupon.id, endedAt: null },
    });
    if (held) throw conflict('The subscription already holds this coupon', 'code');
    if (!(await redeem(tx, coupon.id))) throw badInput('This coupon has reached its redemption limit', 'code');
    const applied = await tx.appliedCoupon.create({
      data: {
        tenantId: subscription.tenantId,
        couponId: coupon.id,
        subscriptionId: id,
        periodsRemaining: periodsOf(coupon),
      },
    });
    await auditRow(tx, request, 'coupon.apply', 'AppliedCoupon', applied, { code: coupon.code, subscriptionId: id });
    await recordRowEvent(tx, request, 'coupon.applied', applied);
    return applied;
  });
}

/** Ends an applied coupon now: later invoices are not discounted. The redemption is not given back (Stripe's rule). */
export async function removeCoupon(request: BillingRequest, appliedCouponId: string): Promise<AppliedCoupon> {
  const id = existingId(appliedCouponId, 'AppliedCoupon');
  return inTransaction(request, async (tx) => {
    const applied = await findExisting(tx.appliedCoupon, id, 'AppliedCoupon');
    await lockRow(tx, 'subscriptions', applied.subscriptionId);
    if (applied.endedAt) throw badInput('This coupon has already ended', 'id');
    const ended = await tx.appliedCoupon.update({ where: { id }, data: { endedAt: request.clock.now() } });
    await auditRow(tx, request, 'coupon.remove', 'AppliedCoupon', applied, { endedAt: ended.endedAt });
    await recordRowChange(tx, request, 'coupon.removed', applied, ended);
    return ended;
  });
}
