import { z } from 'zod';

/** CRM's input rules beyond the kit's schemas. */
export const probabilitySchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');

/** Optional free text: trimmed, empty means none (null). */
export const optionalTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullish();

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
  .array(z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'))
  .max(50, 'at most 50 tags')
  .transform((tags) => [...new Set(tags)]);

/** A date in the future (a planned interaction). */
export const futureDateSchema = z.date().refine((date) => date.getTime() > Date.now(), 'must be in the future');

/** Filters name rows by id: a malformed one is a mistake in the input, not an empty answer. */
export const filterIdSchema = z.uuid({ message: 'must be an id' }).nullish();
