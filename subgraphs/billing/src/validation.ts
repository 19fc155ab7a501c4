import { badInput, decimalSchema, nonNegativeDecimalSchema } from '@codex/kit';
import { z } from 'zod';
import { Prisma } from './db.ts';

/**
 * Billing's input limits in one place: string lengths (characters), number ranges that their
 * columns hold, JSON sizes (bytes). Money columns are Decimal(19,4): the kit's decimal schema
 * allows 15 digits and 4 decimals.
 */
export const billingLimits = {
  id: 100,
  planCode: 64,
  description: 2000,
  invoiceNotes: 2000,
  cancelReason: 500,
  metric: 64,
  idempotencyKey: 200,
  planFeaturesBytes: 16 * 1024,
  trialDays: { min: 0, max: 365 },
  quantity: { min: 1, max: 100_000 },
  monthsPerInterval: 12,
  yearsPerInterval: 5,
  /** Decimal(19,4): below 10^15. */
  money: new Prisma.Decimal('1e15'),
} as const;

/** What a `timestamptz` column may hold and a `DateTime` can show again. */
export const dateWindow = {
  earliest: new Date('1900-01-01T00:00:00.000Z'),
  latest: new Date('9999-12-31T23:59:59.999Z'),
};

/** Inside the window (an invalid Date is not). */
export const inDateWindow = (date: Date) =>
  date.getTime() >= dateWindow.earliest.getTime() && date.getTime() <= dateWindow.latest.getTime();

/** A date Billing works out (a period end, a trial end), refused when it leaves the window. */
export function checkedDate(date: Date, field: string, what: string): Date {
  if (!inDateWindow(date)) throw badInput(`${field}: the ${what} would fall outside 1900–9999`, field);
  return date;
}

/** A date the caller sends: inside the window. */
export const dateSchema = z.date().refine(inDateWindow, 'must be between 1900-01-01 and 9999-12-31');

/** Ids of rows: looked up, so a malformed one is "not found" like a missing one; bounded all the same. */
export const lookupIdSchema = z.string().max(billingLimits.id, `must be at most ${billingLimits.id} characters`);

const maxText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** Money the customer pays: not negative, at most 4 decimals (kit), as a Prisma Decimal. */
export const amountSchema = nonNegativeDecimalSchema.transform((value) => new Prisma.Decimal(value));
/** An amount in cents (discounts): 0 or more, at most 2 decimals. */
export const centsSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,2})?$/, 'must be an amount of 0 or more with at most 2 decimals')
  .transform((value) => new Prisma.Decimal(value));
/** A percentage between 0 and 100 (tax rates). */
export const percentSchema = nonNegativeDecimalSchema
  .transform((value) => new Prisma.Decimal(value))
  .refine((value) => value.lessThanOrEqualTo(100), 'must be between 0 and 100');
/** A quantity greater than 0. */
export const positiveQuantitySchema = decimalSchema
  .transform((value) => new Prisma.Decimal(value))
  .refine((value) => value.greaterThan(0), 'must be greater than 0');
export const planCodeSchema = z
  .string()
  .trim()
  .max(billingLimits.planCode, `must be at most ${billingLimits.planCode} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');
export const descriptionSchema = maxText(billingLimits.description);
export const notesSchema = maxText(billingLimits.invoiceNotes);
export const cancelReasonSchema = maxText(billingLimits.cancelReason);
export const idempotencyKeySchema = maxText(billingLimits.idempotencyKey).min(1, 'must not be empty');
export const trialDaysSchema = z
  .number()
  .int()
  .min(billingLimits.trialDays.min, `must be ${billingLimits.trialDays.min} or more`)
  .max(billingLimits.trialDays.max, `must be at most ${billingLimits.trialDays.max}`);
export const quantitySchema = z
  .number()
  .int()
  .min(billingLimits.quantity.min, `must be at least ${billingLimits.quantity.min}`)
  .max(billingLimits.quantity.max, `must be at most ${billingLimits.quantity.max}`);
