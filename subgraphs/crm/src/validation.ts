import { emailSchema } from '@codex/kit';
import { z } from 'zod';

/**
 * CRM's input limits in one place: string lengths (characters), list sizes, number ranges that
 * their columns hold, JSON sizes (bytes). Lead values are Decimal(19,4): the kit's decimal schema
 * allows 15 digits and 4 decimals.
 */
export const crmLimits = {
  id: 100,
  email: 254,
  company: 200,
  source: 100,
  tag: 50,
  tags: 50,
  addressBytes: 8 * 1024,
  customFieldsBytes: 16 * 1024,
  search: 200,
  subject: 300,
  body: 20_000,
  lostReason: 500,
  stages: 50,
  probability: { min: 0, max: 100 },
} as const;

/** CRM's input rules beyond the kit's schemas. */
export const probabilitySchema = z
  .number()
  .int('must be a whole number')
  .min(crmLimits.probability.min, 'must be between 0 and 100')
  .max(crmLimits.probability.max, 'must be between 0 and 100');

/** Text of at most `max` characters, trimmed. */
export const textSchema = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** Optional free text: trimmed, empty means none (null). */
export const optionalTextSchema = (max: number) =>
  textSchema(max)
    .transform((value) => (value === '' ? null : value))
    .nullish();

export const crmEmailSchema = z
  .string()
  .max(crmLimits.email, `must be at most ${crmLimits.email} characters`)
  .pipe(emailSchema);

export const phoneSchema = z
  .string()
  .trim()
  .regex(
    /^\+?[0-9 ().\-/]{3,40}(?: ?(?:x|ext\.?) ?[0-9]{1,6})?$/i,
    'must be a phone number (digits, spaces, + - . / ( ) and an optional extension)',
  )
  .nullish();

/** Tags: trimmed, 1–50 characters, at most 50, duplicates dropped. */
export const tagsSchema = z
  .array(textSchema(crmLimits.tag).min(1, 'must not be empty'))
  .max(crmLimits.tags, `at most ${crmLimits.tags} tags`)
  .transform((tags) => [...new Set(tags)]);

/** What a `timestamptz` column may hold and a `DateTime` can show again. */
const dateWindow = { earliest: Date.parse('1900-01-01T00:00:00.000Z'), latest: Date.parse('9999-12-31T23:59:59.999Z') };

/** A date inside 1900-01-01…9999-12-31 (an invalid Date is not). */
export const inDateWindow = (date: Date) =>
  date.getTime() >= dateWindow.earliest && date.getTime() <= dateWindow.latest;

/** A date the caller sends: inside the window. */
export const dateSchema = z.date().refine(inDateWindow, 'must be between 1900-01-01 and 9999-12-31');

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
