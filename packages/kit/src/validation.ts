import { z } from 'zod';
import { badInput } from './errors.ts';
import { earliestDate, isInDateWindow, latestDate, parseRfc3339 } from './scalars.ts';
import { isStorableText, unstorableTextMessage } from './storable-text.ts';

/**
 * Parses an argument with `schema`; the first problem becomes BAD_USER_INPUT with its path (e.g.
 * `input.slug`) in `extensions.field`.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, argument: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [argument, ...(issue?.path ?? []).map(String)].filter((part) => part !== '').join('.') || 'arguments';
  throw badInput(issue ? `${field}: ${issue.message}` : `${field} is invalid`, field);
}

/** Parses a field's whole argument object: the path names the argument itself (e.g. `password`). */
export const parseArguments = <T extends z.ZodType>(schema: T, args: unknown): z.infer<T> =>
  parseInput(schema, args, '');

/** Longest text the boundary accepts where a column sets no limit of its own. */
export const maxTextLength = 10_000;

/** A string of at most `max` characters, taken as sent: secrets, tokens and lookups compared byte for byte. */
export const boundedString = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/**
 * Text PostgreSQL can store, bounded: `max` characters (required, so no string is unbounded; for a
 * column, its generated `columnLimits` length), `min` characters after trimming (default 0); NUL
 * and lone surrogates refused. Trimmed unless `trim: false` (keys compared byte for byte).
 */
export const textSchema = (max: number, options: { min?: number; trim?: boolean } = {}) => {
  const min = options.min ?? 0;
  const bounded = (options.trim === false ? z.string() : z.string().trim())
    .max(max, `must be at most ${max} characters`)
    .refine(isStorableText, unstorableTextMessage);
  return min > 0
    ? bounded.refine(
        (value) => value.length >= min,
        min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
      )
    : bounded;
};

/** SMTP's bound on an address (RFC 5321 forward path); email columns are `VarChar(254)` to match. */
export const emailMaxLength = 254;
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(emailMaxLength, `must be at most ${emailMaxLength} characters`)
  .pipe(z.email({ message: 'must be an email address' }));
/**
 * A list refinement: each item's `name` is unique, compared case-insensitively (as people read
 * names); a repeat is an issue at `[index, 'name']` with the message `duplicate` gives for it.
 */
export const uniqueNames =
  <Item extends { name: string }>(duplicate: (item: Item) => string) =>
  (items: readonly Item[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = item.name.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index, 'name'], message: duplicate(item) });
      seen.add(key);
    });
  };

/** A name: trimmed, 1…`max` characters (its column's length). */
export const nameSchema = (max: number) => textSchema(max, { min: 1 });
/** Lower-case words joined by hyphens, as in URLs; at most `max` characters (its column's length). */
export const slugSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');
/** ISO 4217 code, upper case. */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code');

export const int4Min = -2_147_483_648;
export const int4Max = 2_147_483_647;

/** A whole number a column holds: `min`…`max`, by default PostgreSQL's `integer` range. */
export const intSchema = (min = int4Min, max = int4Max) =>
  z
    .number()
    .int('must be a whole number')
    .min(Math.max(min, int4Min), `must be at least ${Math.max(min, int4Min)}`)
    .max(Math.min(max, int4Max), `must be at most ${Math.min(max, int4Max)}`);

/**
 * An exact amount for a `Decimal(precision, scale)` column: a decimal string with at most
 * `precision - scale` integer digits and `scale` decimals (never a float).
 */
export const boundedDecimalSchema = (precision: number, scale: number) => {
  const digits = precision - scale;
  const pattern = new RegExp(`^-?\\d{1,${digits}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`);
  return z
    .string()
    .trim()
    .max(precision + 2, `must be a decimal number with at most ${digits} digits and ${scale} decimals`)
    .regex(pattern, `must be a decimal number with at most ${digits} digits and ${scale} decimals`);
};
/** Money and other exact amounts (`Decimal(19, 4)`): at most 15 digits and 4 decimals (never a float). */
export const decimalSchema = boundedDecimalSchema(19, 4);
/** `boundedDecimalSchema` for amounts that cannot be negative (prices, quantities, lead values). */
export const nonNegativeDecimal = (precision: number, scale: number) =>
  boundedDecimalSchema(precision, scale).refine((value) => !value.startsWith('-'), 'must not be negative');
export const nonNegativeDecimalSchema = nonNegativeDecimal(19, 4);
/** A JSON object (not an array or a primitive), at most `maxBytes` once serialised. */
export const jsonObjectSchema = (maxBytes = 64 * 1024) =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= maxBytes, `must be at most ${maxBytes} bytes of JSON`);
/** An id (a UUID), in lower case as PostgreSQL prints it. */
export const idSchema = z.uuid({ message: 'must be an id' }).transform((id) => id.toLowerCase());

export const dateWindowMessage = `must be between ${earliestDate.toISOString()} and ${latestDate.toISOString()}`;

/**
 * A date-time inside the window every store holds (1900-01-01…9999-12-31): a `Date` (what the
 * `DateTime` scalar gives resolvers) or an RFC 3339 string.
 */
export const dateTimeSchema = z
  .union([z.date(), z.string().max(64)], { error: 'must be an RFC 3339 date-time' })
  .transform((value, context) => {
    const date = typeof value === 'string' ? parseRfc3339(value) : value;
    if (date === null || Number.isNaN(date.getTime())) {
      context.addIssue({ code: 'custom', message: 'must be an RFC 3339 date-time' });
      return z.NEVER;
    }
    if (!isInDateWindow(date)) {
      context.addIssue({ code: 'custom', message: dateWindowMessage });
      return z.NEVER;
    }
    return date;
  });

/**
 * A date the code computed from input (a period end, a trial end, a due date) must still be inside
 * the window before it is written: BAD_USER_INPUT naming the input it came from (and `what` the date
 * is) otherwise.
 */
export function checkDerivedDate(date: Date, field: string, what = 'resulting date'): Date {
  if (Number.isNaN(date.getTime()) || !isInDateWindow(date))
    throw badInput(`${field}: the ${what} ${dateWindowMessage}`, field);
  return date;
}

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
