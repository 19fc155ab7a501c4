import { dateTimeSchema, emailSchema, textSchema } from '@codex/kit';
import { z } from 'zod';
import { columnLimits, intRange } from './generated/column-limits.ts';

/**
 * CRM's input limits that no column states: list sizes, JSON sizes (bytes), search text, ids that
 * are looked up. Text lengths come from the columns (`columnLimits`); lead values are Decimal(19,4)
 * (`decimalLimits`).
 */
export const crmLimits = {
  id: 100,
  tags: 50,
  addressBytes: 8 * 1024,
  customFieldsBytes: 16 * 1024,
  search: 200,
  stages: 50,
  /** Stricter than the integer columns on purpose: a percentage (a CHECK holds the columns to it too). */
  probability: { min: 0, max: 100 },
} as const;

/** CRM's input rules beyond the kit's schemas. */
export const probabilitySchema = z
  .number()
  .int('must be a whole number')
  .min(crmLimits.probability.min, 'must be between 0 and 100')
  .max(crmLimits.probability.max, 'must be between 0 and 100');

/** The integer columns a probability is written to, for the test that ties it to them. */
export const probabilityColumns = [intRange.Lead.probability, intRange.PipelineStage.probability];

/** Optional free text: trimmed, empty means none (null). */
export const optionalTextSchema = (max: number) =>
  textSchema(max)
    .transform((value) => (value === '' ? null : value))
    .nullish();

export const crmEmailSchema = z
  .string()
  .max(columnLimits.Customer.email, `must be at most ${columnLimits.Customer.email} characters`)
  .pipe(emailSchema);

export const phoneSchema = z
  .string()
  .trim()
  .max(columnLimits.Customer.phone, `must be at most ${columnLimits.Customer.phone} characters`)
  .regex(
    /^\+?[0-9 ().\-/]{3,40}(?: ?(?:x|ext\.?) ?[0-9]{1,6})?$/i,
    'must be a phone number (digits, spaces, + - . / ( ) and an optional extension)',
  )
  .nullish();

/** Tags: trimmed, 1 to the column's characters, at most 50, duplicates dropped. */
export const tagsSchema = z
  .array(textSchema(columnLimits.Customer.tags, { min: 1 }))
  .max(crmLimits.tags, `at most ${crmLimits.tags} tags`)
  .transform((tags) => [...new Set(tags)]);

/** A date the caller sends: inside the window every store holds (the kit's). */
export const dateSchema = dateTimeSchema;

/** A date in the future (a planned interaction). */
export const futureDateSchema = dateSchema.refine((date) => date.getTime() > Date.now(), 'must be in the future');

/** Ids of CRM rows in inputs: looked up, so a malformed one is "not found" like a missing one; bounded all the same. */
export const lookupIdSchema = z.string().max(crmLimits.id, `must be at most ${crmLimits.id} characters`);

/** Filters name rows by id: a malformed one is a mistake in the input, not an empty answer. */
export const filterIdSchema = z.uuid({ message: 'must be an id' }).nullish();

/**
 * A field of an update that the SDL lets be null but whose column is required: omitted keeps it,
 * null is refused (BAD_USER_INPUT on the field) rather than silently ignored.
 */
export const omittable = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value, context) => {
    if (value !== null) return value as Exclude<z.output<T>, null>;
    context.addIssue({ code: 'custom', message: 'must not be null: leave it out to keep the value' });
    return z.NEVER;
  });
