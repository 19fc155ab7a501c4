import { decimalSchema, nonNegativeDecimalSchema } from '@codex/kit';
import { z } from 'zod';
import { Prisma } from './db.ts';

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
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens')
  .max(64, 'must be at most 64 characters');
export const descriptionSchema = z.string().trim().max(2000, 'must be at most 2000 characters');
export const trialDaysSchema = z.number().int().min(0, 'must be 0 or more').max(365, 'must be at most 365');
