import { badInput, parseInput, textSchema } from '@codex/kit';
import { z } from 'zod';
import type { FilterOperator, PropertyFilter } from '../generated/graphql.ts';

/** SQL text of one raw statement; its values travel separately in `SqlParams`. */
export type Sql = string;

/** Positional parameters of one raw statement: `add` stores a value and returns its typed placeholder. */
export interface SqlParams {
  readonly values: unknown[];
  add(value: unknown, cast: string): Sql;
}

export function createSqlParams(): SqlParams {
  const values: unknown[] = [];
  return {
    values,
    add(value, cast) {
      values.push(value);
      return `$${values.length}::${cast}`;
    },
  };
}

/** The cost limits of a filter list (`BAD_USER_INPUT` names them). */
export const filterLimits = { filters: 20, inValues: 100, valueLength: 500, pathSegments: 5, segmentLength: 100 };

/**
 * Who "a user" is for unique users, funnels and retention: the sending application's user id; else
 * the user an identify linked the event's anonymous id to (`person_aliases`, so a visitor's events
 * before and after login are one person); else the anonymous id; else the session id. The alias
 * lookup (one primary-key probe) runs only for events with an anonymous id and no user id.
 */
export const personExpression: Sql = `coalesce(
  e.user_id::text,
  CASE WHEN e.anonymous_id IS NOT NULL THEN (
    SELECT pa.user_id::text FROM person_aliases pa WHERE pa.tenant_id = e.tenant_id AND pa.anonymous_id = e.anonymous_id
  ) END,
  e.anonymous_id,
  e.session_id
)`;

/** Built-in properties by their API names, as text over the alias `e`. */
const apiColumns: Record<string, Sql> = {
  name: 'e.name',
  pageUrl: 'e.page_url',
  pageTitle: 'e.page_title',
  referrer: 'e.referrer',
  browser: 'e.browser',
  os: 'e.os',
  device: 'e.device',
  country: 'e.country::text',
  userId: 'e.user_id::text',
  sessionId: 'e.session_id',
  customerId: 'e.customer_id::text',
};
/** The same under their column names too (`page_url`). */
const builtInColumns: Record<string, Sql> = Object.fromEntries(
  Object.entries(apiColumns).flatMap(([name, column]) => [
    [name, column],
    [name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), column],
  ]),
);

/** A property resolved: a column, a path into `data`, or nothing known (matches no event). */
export type PropertyRef = { kind: 'column'; column: Sql } | { kind: 'data'; path: string[] } | { kind: 'unknown' };

const propertySchema = textSchema(filterLimits.pathSegments * (filterLimits.segmentLength + 1), {
  min: 1,
  trim: false,
});

export function propertyRef(property: string, field: string): PropertyRef {
  parseInput(propertySchema, property, field);
  const column = Object.hasOwn(builtInColumns, property) ? builtInColumns[property] : undefined;
  if (column) return { kind: 'column', column };
  if (!property.startsWith('data.')) return { kind: 'unknown' };
  const path = property.slice('data.'.length).split('.');
  if (path.length > filterLimits.pathSegments || path.some((s) => !s || s.length > filterLimits.segmentLength))
    throw badInput(
      `${field}: a data path has 1–${filterLimits.pathSegments} non-empty segments of at most ${filterLimits.segmentLength} characters`,
      field,
    );
  return { kind: 'data', path };
}

/** The property as text (JSON text for `data.*` values: strings as is, numbers and booleans as written). */
export function propertyText(ref: PropertyRef, params: SqlParams): Sql {
  if (ref.kind === 'column') return ref.column;
  if (ref.kind === 'data') return `(e.data #>> ${params.add(ref.path, 'text[]')})`;
  return 'NULL::text';
}

/** The property as a number: JSON numbers under `data.*`, nothing otherwise. */
export function propertyNumber(ref: PropertyRef, params: SqlParams): Sql {
  if (ref.kind !== 'data') return 'NULL::numeric';
  const path = params.add(ref.path, 'text[]');
  return `(CASE WHEN jsonb_typeof(e.data #> ${path}) = 'number' THEN (e.data #>> ${path})::numeric END)`;
}

const valueSchema = textSchema(filterLimits.valueLength, { trim: false });
const numberText = /^-?\d{1,15}(\.\d{1,15})?$/;
const filterSchema = z
  .array(
    z.object({
      property: z.string(),
      operator: z.enum(['EQ', 'NEQ', 'CONTAINS', 'IN', 'GT', 'LT', 'IS_SET', 'IS_NOT_SET']),
      value: valueSchema.nullish(),
      values: z
        .array(valueSchema)
        .min(1)
        .max(filterLimits.inValues, `at most ${filterLimits.inValues} values (limit inValues)`)
        .nullish(),
    }),
  )
  .max(filterLimits.filters, `at most ${filterLimits.filters} filters (limit filters)`);

const needsValue: ReadonlySet<FilterOperator> = new Set(['EQ', 'NEQ', 'CONTAINS', 'GT', 'LT']);

/** The filters checked: values present where the operator needs them, numbers for GT/LT on `data.*`. */
function checkedFilters(filters: readonly PropertyFilter[], field: string) {
  return parseInput(filterSchema, filters, field).map((filter, index) => {
    const at = `${field}.${index}`;
    const ref = propertyRef(filter.property, `${at}.property`);
    if (needsValue.has(filter.operator) && (filter.value === null || filter.value === undefined))
      throw badInput(`${at}.value is required for ${filter.operator}`, `${at}.value`);
    if (filter.operator === 'IN' && !filter.values) throw badInput(`${at}.values is required for IN`, `${at}.values`);
    const numeric = ref.kind === 'data' && (filter.operator === 'GT' || filter.operator === 'LT');
    if (numeric && !numberText.test(filter.value ?? ''))
      throw badInput(`${at}.value must be a number for ${filter.operator} on data`, `${at}.value`);
    return { ...filter, ref };
  });
}

type CheckedFilter = ReturnType<typeof checkedFilters>[number];

function isSet(ref: Exclude<PropertyRef, { kind: 'unknown' }>, params: SqlParams): Sql {
  if (ref.kind === 'column') return `${ref.column} IS NOT NULL`;
  return `coalesce(jsonb_typeof(e.data #> ${params.add(ref.path, 'text[]')}), 'null') <> 'null'`;
}

function condition(filter: CheckedFilter, params: SqlParams): Sql {
  const { ref, operator } = filter;
  if (ref.kind === 'unknown') return 'FALSE';
  const value = () => params.add(filter.value, 'text');
  const text = () => propertyText(ref, params);
  switch (operator) {
    case 'EQ':
      return `${text()} = ${value()}`;
    case 'NEQ':
      return `${text()} IS DISTINCT FROM ${value()}`;
    case 'CONTAINS':
      return `strpos(lower(${text()}), lower(${value()})) > 0`;
    case 'IN':
      return `${text()} = ANY(${params.add(filter.values, 'text[]')})`;
    case 'GT':
    case 'LT': {
      const sign = operator === 'GT' ? '>' : '<';
      if (ref.kind === 'data') return `${propertyNumber(ref, params)} ${sign} ${params.add(filter.value, 'numeric')}`;
      return `${text()} COLLATE "C" ${sign} ${value()} COLLATE "C"`;
    }
    case 'IS_SET':
      return isSet(ref, params);
    case 'IS_NOT_SET':
      return `NOT (${isSet(ref, params)})`;
  }
}

/**
 * One parameterised SQL condition over the `events` alias `e` that holds when every filter does
 * ('TRUE' for none). `field` names the argument in errors (e.g. `query.filters`).
 */
export function eventConditions(
  filters: readonly PropertyFilter[] | null | undefined,
  params: SqlParams,
  field = 'filters',
): Sql {
  if (!filters || filters.length === 0) return 'TRUE';
  return checkedFilters(filters, field)
    .map((filter) => `(${condition(filter, params)})`)
    .join(' AND ');
}
