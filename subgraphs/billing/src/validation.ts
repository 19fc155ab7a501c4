import {
  boundedDecimalSchema,
  dateTimeSchema,
  nameSchema,
  nonNegativeDecimal,
  nonNegativeDecimalSchema,
  textSchema,
} from '@codex/kit';
import { z } from 'zod';
import { Prisma } from './db.ts';
import { columnLimits, decimalLimits } from './generated/column-limits.ts';

const { Plan, Subscription, Invoice, UsageEvent, BillableMetric } = columnLimits;
const money = decimalLimits.Invoice.total;

/**
 * Billing's input limits that no column states: JSON sizes (bytes), ids that are looked up, and
 * ranges stricter than their integer columns on purpose (a year of trial, a sane seat count, plan
 * intervals a calendar can bill). Text lengths and decimal shapes come from the columns.
 */
export const billingLimits = {
  id: 100,
  planFeaturesBytes: 16 * 1024,
  trialDays: { min: 0, max: 365 },
  quantity: { min: 1, max: 100_000 },
  monthsPerInterval: 12,
  yearsPerInterval: 5,
  /** What a money column (`Decimal(19,4)`) holds: below 10^15. */
  money: new Prisma.Decimal(`1e${money.precision - money.scale}`),
} as const;

/** A date the caller sends: inside the window every store holds (the kit's). */
export const dateSchema = dateTimeSchema;

/** Ids of rows: looked up, so a malformed one is "not found" like a missing one; bounded all the same. */
export const lookupIdSchema = z.string().max(billingLimits.id, `must be at most ${billingLimits.id} characters`);

/** Money the customer pays (plan amounts, unit prices): not negative, a Prisma Decimal. */
export const amountSchema = nonNegativeDecimal(
  decimalLimits.Plan.amount.precision,
  decimalLimits.Plan.amount.scale,
).transform((value) => new Prisma.Decimal(value));
const discountDigits = decimalLimits.Invoice.discount.precision - decimalLimits.Invoice.discount.scale;
/** An amount in cents (discounts): 0 or more, at most 2 decimals (stricter than the column's 4 on purpose). */
export const centsSchema = z
  .string()
  .trim()
  .regex(
    new RegExp(`^\\d{1,${discountDigits}}(\\.\\d{1,2})?$`),
    'must be an amount of 0 or more with at most 2 decimals',
  )
  .transform((value) => new Prisma.Decimal(value));
/** A percentage between 0 and 100 (tax rates; not stored, the tax amount is). */
export const percentSchema = nonNegativeDecimalSchema
  .transform((value) => new Prisma.Decimal(value))
  .refine((value) => value.lessThanOrEqualTo(100), 'must be between 0 and 100');
/** A quantity of usage greater than 0. */
export const positiveQuantitySchema = boundedDecimalSchema(
  decimalLimits.PendingInvoiceItem.quantity.precision,
  decimalLimits.PendingInvoiceItem.quantity.scale,
)
  .transform((value) => new Prisma.Decimal(value))
  .refine((value) => value.greaterThan(0), 'must be greater than 0');
export const planNameSchema = nameSchema(Plan.name);
export const planCodeSchema = z
  .string()
  .trim()
  .max(Plan.code, `must be at most ${Plan.code} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');
export const descriptionSchema = textSchema(Plan.description);
export const notesSchema = textSchema(Invoice.notes);
export const cancelReasonSchema = textSchema(Subscription.cancelReason);
export const idempotencyKeySchema = textSchema(UsageEvent.idempotencyKey, { min: 1 });
/** A billable metric's code: `UsageEvent.metricCode` characters at most. */
export const metricSchema = z
  .string()
  .trim()
  .regex(
    new RegExp(`^[a-z][a-z0-9_.-]{0,${UsageEvent.metricCode - 1}}$`),
    `must be lower-case letters, digits, _ . or -, starting with a letter (at most ${UsageEvent.metricCode})`,
  );
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
/** Days after an event (due date, dunning): 0–365. */
export const daysSchema = z.number().int().min(0, 'must be 0 or more').max(365, 'must be at most 365');
/** Dunning reminder days: 1–365, strictly ascending, at most 10. */
export const dunningDaysSchema = z
  .array(z.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365'))
  .max(10, 'must have at most 10 days')
  .refine((days) => days.every((value, index) => index === 0 || value > (days[index - 1] ?? 0)), 'must be ascending');
/** The event property a metric aggregates: a JSON key of at most `BillableMetric.fieldName` characters. */
export const fieldNameSchema = z
  .string()
  .trim()
  .regex(
    new RegExp(`^[A-Za-z_][A-Za-z0-9_.-]{0,${BillableMetric.fieldName - 1}}$`),
    `must be a property name: letters, digits, _ . or -, starting with a letter or _ (at most ${BillableMetric.fieldName})`,
  );
