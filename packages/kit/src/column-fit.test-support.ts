import { expect, it } from 'vitest';
import type { z } from 'zod';

/**
 * Test support for the tie between zod schemas and the generated column limits: what each schema
 * enforces, read by probing it, so a test can compare it with `columnLimits`, `intRange` and
 * `decimalLimits` of the column it writes.
 */

/**
 * The length `schema` enforces, as its "must be at most N characters" refusal of a text one
 * character longer than `length` (`wrap` puts the text where the schema expects it, e.g. in a
 * list); undefined when it lets that text through or refuses it for another reason only.
 */
export function lengthLimitOf(
  schema: z.ZodType,
  length: number,
  wrap: (text: string) => unknown = (text) => text,
): number | undefined {
  const result = schema.safeParse(wrap('a'.repeat(length + 1)));
  if (result.success) return undefined;
  const limits = result.error.issues.map((issue) => issue.message.match(/^must be at most (\d+) characters$/)?.[1]);
  const found = limits.find((limit) => limit !== undefined);
  return found === undefined ? undefined : Number(found);
}

/** A subgraph's generated `columnLimits`: model → text column → VarChar length. */
type ColumnLimits = Record<string, Record<string, number>>;

/** `Model.column`, optionally followed by a note in parentheses: `Customer.email (update)`. */
type ColumnLabel<Limits extends ColumnLimits> = {
  [Model in keyof Limits & string]: `${Model}.${keyof Limits[Model] & string}`;
}[keyof Limits & string];

/**
 * One test per text input (label → its schema): it refuses text longer than the column the label
 * names, with that column's own length, read from `limits`.
 */
export function itBoundsTextByItsColumn<Limits extends ColumnLimits>(
  limits: Limits,
  columns: Partial<Record<ColumnLabel<Limits> | `${ColumnLabel<Limits>} (${string})`, z.ZodType>>,
): void {
  const cases = Object.entries(columns).map(([label, schema]) => {
    const [model = '', column = ''] = label.split(' ')[0]!.split('.');
    return [label, schema as z.ZodType, limits[model]![column]!] as const;
  });
  it.each(cases)('%s refuses text longer than its VarChar, at its length', (_, schema, length) => {
    expect(lengthLimitOf(schema, length)).toBe(length);
  });
}

/** True when `schema` refuses the whole numbers just outside `range` (it holds to the column or narrower). */
export const staysInRange = (schema: z.ZodType, range: { min: number; max: number }) =>
  !schema.safeParse(range.max + 1).success && !schema.safeParse(range.min - 1).success;

/**
 * True when a decimal-string `schema` takes exactly what a `Decimal(precision, scale)` column holds:
 * the largest value, and neither one more integer digit nor one more decimal.
 */
export function fitsDecimal(schema: z.ZodType, { precision, scale }: { precision: number; scale: number }): boolean {
  const integer = '9'.repeat(precision - scale);
  const largest = scale > 0 ? `${integer}.${'9'.repeat(scale)}` : integer;
  return (
    schema.safeParse(largest).success &&
    !schema.safeParse(`1${integer}`).success &&
    !schema.safeParse(`0.${'1'.repeat(scale + 1)}`).success
  );
}
