import {
  auditRow,
  badInput,
  conflict,
  currencySchema,
  existingId,
  findExisting,
  inputSchema,
  nameSchema,
  onUniqueViolation,
  parseInput,
  recordRowChange,
  recordRowEvent,
  requireIdentity,
  targetTenantId,
  tenantList,
} from '@codex/kit';
import { z } from 'zod';
import type { Coupon } from './db.ts';
import type { CouponFilter, CreateCouponInput, UpdateCouponInput } from './generated/graphql.ts';
import { inTransaction, type BillingRequest } from './request.ts';
import { amountSchema, dateSchema, lookupIdSchema, percentSchema } from './validation.ts';

/** Limits no column states: a coupon repeats for at most ten years of monthly invoices. */
export const couponLimits = { name: 200, durationPeriods: 120, maxRedemptions: 1_000_000 } as const;

/** Letters, digits, `_` and `-`, compared in upper case: customers type codes (Stripe's promotion codes ignore case). */
export const couponCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1–64 letters, digits, _ or -, starting with a letter or digit')
  .toUpperCase();
const redemptionsSchema = z.number().int().min(1, 'must be at least 1').max(couponLimits.maxRedemptions);
const createCouponInput = inputSchema<CreateCouponInput>()(
  z
    .object({
      code: couponCodeSchema,
      name: nameSchema(couponLimits.name),
      kind: z.enum(['PERCENTAGE', 'FIXED_AMOUNT']),
      percentOff: percentSchema.refine((value) => value.greaterThan(0), 'must be greater than 0').nullish(),
      amountOff: amountSchema.refine((value) => value.greaterThan(0), 'must be greater than 0').nullish(),
      currency: currencySchema.nullish(),
      duration: z.enum(['ONCE', 'REPEATING', 'FOREVER']),
      durationPeriods: z.number().int().min(1, 'must be at least 1').max(couponLimits.durationPeriods).nullish(),
      maxRedemptions: redemptionsSchema.nullish(),
      expiresAt: dateSchema.nullish(),
      tenantId: lookupIdSchema.nullish(),
    })
    .superRefine((coupon, context) => {
      const fail = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
      if (coupon.kind === 'PERCENTAGE' && !coupon.percentOff) fail('percentOff', 'is required for a PERCENTAGE coupon');
      if (coupon.kind === 'PERCENTAGE' && (coupon.amountOff || coupon.currency))
        fail(coupon.amountOff ? 'amountOff' : 'currency', 'belongs to FIXED_AMOUNT coupons only');
      if (coupon.kind === 'FIXED_AMOUNT' && !coupon.amountOff)
        fail('amountOff', 'is required for a FIXED_AMOUNT coupon');
      if (coupon.kind === 'FIXED_AMOUNT' && !coupon.currency) fail('currency', 'is required for a FIXED_AMOUNT coupon');
      if (coupon.kind === 'FIXED_AMOUNT' && coupon.percentOff) fail('percentOff', 'belongs to PERCENTAGE coupons only');
      if ((coupon.duration === 'REPEATING') !== Boolean(coupon.durationPeriods))
        fail('durationPeriods', 'is required for REPEATING coupons, and only for them');
    }),
);
const updateCouponInput = inputSchema<UpdateCouponInput>()(
  z.object({
    name: nameSchema(couponLimits.name).nullish(),
    expiresAt: dateSchema.nullish(),
    maxRedemptions: redemptionsSchema.nullish(),
  }),
);

/** Not archived, not expired: it can be applied while redemptions are left. */
export const isRedeemable = (coupon: Pick<Coupon, 'archivedAt' | 'expiresAt'>, now: Date) =>
  coupon.archivedAt === null && (coupon.expiresAt === null || coupon.expiresAt > now);

export const listCoupons = tenantList((db: BillingRequest['db']) => db.coupon, {
  where: (filter?: CouponFilter | null) =>
    typeof filter?.archived === 'boolean' ? { archivedAt: filter.archived ? { not: null } : null } : {},
  order: { CREATED_AT: 'createdAt', CODE: 'code' },
});

/** An expiry must lie ahead of the service clock's now. */
function checkExpiry(expiresAt: Date | null | undefined, now: Date) {
  if (expiresAt && expiresAt <= now) throw badInput('input.expiresAt: must be in the future', 'input.expiresAt');
}

const codeTaken = () => conflict('A coupon with this code already exists', 'input.code');

/** SUPERADMIN (permission map): a coupon of `input.tenantId`. Codes are unique per tenant. */
export async function createCoupon(request: BillingRequest, input: CreateCouponInput): Promise<Coupon> {
  const identity = requireIdentity(request.identity);
  const { tenantId: given, ...data } = parseInput(createCouponInput, input, 'input');
  const tenantId = targetTenantId(identity, given, 'input.tenantId');
  checkExpiry(data.expiresAt, request.clock.now());
  const work = inTransaction(request, async (tx) => {
    if (await tx.coupon.findFirst({ where: { tenantId, code: data.code }, select: { id: true } })) throw codeTaken();
    const coupon = await tx.coupon.create({
      data: {
        tenantId,
        code: data.code,
        name: data.name,
        kind: data.kind,
        percentOff: data.percentOff ?? null,
        amountOff: data.amountOff ?? null,
        currency: data.currency ?? null,
        duration: data.duration,
        durationPeriods: data.durationPeriods ?? null,
        maxRedemptions: data.maxRedemptions ?? null,
        expiresAt: data.expiresAt ?? null,
      },
    });
    await auditRow(tx, request, 'coupon.create', 'Coupon', coupon, { ...data, tenantId });
    await recordRowEvent(tx, request, 'coupon.created', coupon);
    return coupon;
  });
  return onUniqueViolation(work, codeTaken);
}

/** Name, expiry and redemption limit only: what a coupon takes off is fixed once customers hold it (Stripe's rule). */
export async function updateCoupon(request: BillingRequest, id: string, input: UpdateCouponInput): Promise<Coupon> {
  const couponId = existingId(id, 'Coupon');
  const given = parseInput(updateCouponInput, input, 'input');
  checkExpiry(given.expiresAt, request.clock.now());
  // Absent fields stay; null clears the expiry or the limit (a name cannot be cleared).
  const data = Object.fromEntries(
    Object.entries(given).filter(([key, value]) => value !== undefined && (value !== null || key !== 'name')),
  ) as Partial<Pick<Coupon, 'name' | 'expiresAt' | 'maxRedemptions'>>;
  return inTransaction(request, async (tx) => {
    const coupon = await findExisting(tx.coupon, couponId, 'Coupon');
    if (coupon.archivedAt) throw badInput('An archived coupon cannot change', 'id');
    if (data.maxRedemptions != null && data.maxRedemptions < coupon.timesRedeemed)
      throw badInput(`must be at least ${coupon.timesRedeemed}, the redemptions so far`, 'input.maxRedemptions');
    const updated = await tx.coupon.update({ where: { id: couponId }, data });
    await auditRow(tx, request, 'coupon.update', 'Coupon', coupon, data);
    await recordRowChange(tx, request, 'coupon.updated', coupon, updated);
    return updated;
  });
}

/** No new redemptions; subscriptions that hold it keep their discount (Stripe's rule). Archiving twice changes nothing. */
export async function archiveCoupon(request: BillingRequest, id: string): Promise<Coupon> {
  const couponId = existingId(id, 'Coupon');
  return inTransaction(request, async (tx) => {
    const coupon = await findExisting(tx.coupon, couponId, 'Coupon');
    if (coupon.archivedAt) return coupon;
    const archived = await tx.coupon.update({ where: { id: couponId }, data: { archivedAt: request.clock.now() } });
    await auditRow(tx, request, 'coupon.archive', 'Coupon', coupon, { archivedAt: archived.archivedAt });
    await recordRowEvent(tx, request, 'coupon.archived', archived);
    return archived;
  });
}
