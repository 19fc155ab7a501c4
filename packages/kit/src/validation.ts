import { z } from 'zod';
import { badInput } from './errors.ts';

/**
 * Parses an argument with `schema`; the first problem becomes BAD_USER_INPUT with its path (e.g.
 * `input.slug`) in `extensions.field`.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, argument: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [argument, ...(issue?.path ?? []).map(String)].join('.');
  throw badInput(issue ? `${field}: ${issue.message}` : `${argument} is invalid`, field);
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }));
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
/** Lower-case words joined by hyphens, as in URLs. */
export const slugSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');
/** ISO 4217 code, upper case. */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code');
/** Money and other exact amounts: a decimal string with at most 4 decimals (never a float). */
export const decimalSchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'must be a decimal number with at most 15 digits and 4 decimals');
export const nonNegativeDecimalSchema = decimalSchema.refine((value) => !value.startsWith('-'), 'must not be negative');
/** A JSON object (not an array or a primitive), at most `maxBytes` once serialised. */
export const jsonObjectSchema = (maxBytes = 64 * 1024) =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= maxBytes, `must be at most ${maxBytes} bytes of JSON`);
export const idSchema = z.uuid({ message: 'must be an id' });

/** Why a zod schema does not fit the generated GraphQL input type it parses (shown in the type error). */
interface InputMismatch<Missing, Extra> {
  'fields the SDL has and the schema does not list': Missing;
  'fields the schema lists and the SDL does not have': Extra;
}

type KeyOf<T> = T extends object ? keyof T : never;

/** The schema itself when its keys are the SDL's and it accepts every value the SDL allows, else a mismatch. */
type FitsInput<S extends z.ZodType, Generated> = [
  Exclude<KeyOf<Generated>, KeyOf<z.input<S>>>,
  Exclude<KeyOf<z.input<S>>, KeyOf<Generated>>,
] extends [never, never]
  ? Generated extends z.input<S>
    ? S
    : InputMismatch<'a field type the schema refuses', never>
  : InputMismatch<Exclude<KeyOf<Generated>, KeyOf<z.input<S>>>, Exclude<KeyOf<z.input<S>>, KeyOf<Generated>>>;

/**
 * Ties a zod schema to the generated GraphQL input type it parses: a field of the SDL that the
 * schema does not list (which zod would drop without a word), a field it lists that the SDL lacks,
 * or a field type it would refuse is a type error. `inputSchema<CreateLeadInput>()(z.object({…}))`.
 */
export const inputSchema =
  <Generated>() =>
  <S extends z.ZodType>(schema: S & FitsInput<S, Generated>): S =>
    schema;
