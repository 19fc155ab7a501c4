import { badInput } from './errors.ts';
import { isUuid } from './loaders.ts';
import { isInDateWindow, isoDateTime, parseRfc3339 } from './scalars.ts';
import { isStorableText } from './storable-text.ts';
import { int4Max, int4Min } from './validation.ts';

export const defaultPageSize = 20;
export const maxPageSize = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A tenant-owned list's arguments: its page, the tenant a SUPERADMIN narrows it to, its filter and order. */
export interface ListArgs<Filter = never, Order = never> extends PageArgs {
  tenantId?: string | null;
  filter?: Filter | null;
  orderBy?: Order | null;
}

/** Every listed row has an id: the tie-breaker that makes any order total. */
export interface Cursor {
  id: string;
}

export type SortDirection = 'ASC' | 'DESC';

/**
 * What a sort column holds, so a cursor's value can be checked before it reaches the database:
 * `real` for PostgreSQL `real` values carried as strings or numbers (search ranks).
 */
export type SortKind = 'date' | 'int' | 'number' | 'real' | 'decimal' | 'text';

/**
 * The order of a list: one column (never null) then `id` in the same direction. Cursors name the
 * column and direction they were made for, so a cursor is refused under another order.
 */
export interface SortOrder<F extends string = string> {
  field: F;
  direction: SortDirection;
  /** What the column holds; when left out, names ending in `At`, `End`, `Start` or `Date` are dates. */
  kind?: SortKind;
}

/** A sort column and what it holds, for `sortOrderOf`'s map when the name does not tell. */
export interface SortColumn {
  field: string;
  kind: SortKind;
}

/** The order every list uses unless the caller sorts: oldest first, ties by id. */
export const creationSort: SortOrder<'createdAt'> = { field: 'createdAt', direction: 'ASC', kind: 'date' };

/**
 * A list's `orderBy` argument (`{ field: LAST_NAME, direction: ASC }`) as a sort order, through a
 * map of the GraphQL enum's values to columns; every column offered must never be null (keyset
 * cursors need it). No `orderBy`: `fallback`.
 */
export function sortOrderOf<F extends string>(
  order: { field: F; direction: SortDirection } | null | undefined,
  columns: Record<F, string | SortColumn>,
  fallback: SortOrder = creationSort,
): SortOrder {
  if (!order) return fallback;
  const column = columns[order.field];
  return typeof column === 'string'
    ? { field: column, direction: order.direction }
    : { field: column.field, direction: order.direction, kind: column.kind };
}

type SortValue = string | number | Date;
/** What a keyset cursor remembers of its row: the sort column's value and the id. */
interface CursorPosition {
  value: SortValue;
  id: string;
}

/** Dates and decimals are tagged so they round-trip; decimals stay strings (Prisma accepts them). */
function sortValueOf(row: Cursor, field: string): SortValue {
  const value = (row as unknown as Record<string, unknown>)[field];
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'toFixed' in value) return String(value);
  throw new Error(`Cannot page on ${field}: its value is ${value === null ? 'null' : typeof value}`);
}

export function encodeCursor(row: Cursor, sort: SortOrder = creationSort): string {
  const value = sortValueOf(row, sort.field);
  const tagged = value instanceof Date ? { d: isoDateTime(value.getTime()) } : value;
  return Buffer.from(JSON.stringify([sort.field, sort.direction, tagged, row.id])).toString('base64url');
}

const invalidCursor = () => badInput('Invalid cursor (or a cursor of another sort order)', 'after');

/** Longest text value a cursor may carry (sort columns hold names, titles, slugs). */
export const maxCursorTextLength = 1000;
const maxCursorLength = 4 * maxCursorTextLength;
const base64url = /^[A-Za-z0-9_-]+$/;
const realMax = 3.4028234663852886e38;
const realMinNormal = 1.1754943508222875e-38;

const datePattern = /(At|End|Start|Date)$/;
const kindOf = (sort: SortOrder): SortKind | undefined =>
  sort.kind ?? (datePattern.test(sort.field) ? 'date' : undefined);

const isReal = (value: number) =>
  Number.isFinite(value) && Math.abs(value) <= realMax && (value === 0 || Math.abs(value) >= realMinNormal);
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= maxCursorTextLength && isStorableText(value);
const decimalValue = /^-?\d{1,34}(\.\d{1,4})?$/;
const realText = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

const isDateTag = (tagged: unknown): tagged is { d: unknown } =>
  typeof tagged === 'object' && tagged !== null && !Array.isArray(tagged);

function dateFrom(tagged: unknown): Date | undefined {
  if (!isDateTag(tagged) || Object.keys(tagged).length !== 1 || typeof tagged.d !== 'string') return undefined;
  const date = tagged.d.length <= 64 ? parseRfc3339(tagged.d) : null;
  return date && isInDateWindow(date) ? date : undefined;
}

const int4From = (tagged: unknown) =>
  typeof tagged === 'number' && Number.isInteger(tagged) && tagged >= int4Min && tagged <= int4Max ? tagged : undefined;

/** Each kind's reading of a cursor's tagged value: the value the column can hold, or undefined. */
const sortValueReaders: Record<SortKind, (tagged: unknown) => SortValue | undefined> = {
  date: dateFrom,
  int: int4From,
  number: (tagged) => (typeof tagged === 'number' && Number.isFinite(tagged) ? tagged : undefined),
  real: (tagged) => {
    if (typeof tagged === 'number') return isReal(tagged) ? tagged : undefined;
    return isText(tagged) && realText.test(tagged) && isReal(Number(tagged)) ? tagged : undefined;
  },
  decimal: (tagged) => (typeof tagged === 'string' && decimalValue.test(tagged) ? tagged : undefined),
  text: (tagged) => (isText(tagged) ? tagged : undefined),
};

/** A column whose kind is not declared: the cursor's tag decides (numbers are `integer` sort positions). */
function anySortValue(tagged: unknown): SortValue | undefined {
  if (isDateTag(tagged)) return dateFrom(tagged);
  return typeof tagged === 'number' ? int4From(tagged) : sortValueReaders.text(tagged);
}

function parseCursorJson(encoded: string): unknown {
  if (encoded.length > maxCursorLength || !base64url.test(encoded)) return undefined;
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The position a cursor names, checked in full before it reaches the database: base64url JSON,
 * exactly `[field, direction, value, id]` for this sort order, a value the column can hold and a
 * uuid; anything else is BAD_USER_INPUT on `after`.
 */
export function decodeCursor(encoded: string, sort: SortOrder = creationSort): CursorPosition {
  const parsed = parseCursorJson(encoded);
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidCursor();
  const [field, direction, tagged, id] = parsed as unknown[];
  if (field !== sort.field || direction !== sort.direction) throw invalidCursor();
  if (typeof id !== 'string' || !isUuid(id)) throw invalidCursor();
  const kind = kindOf(sort);
  const value = kind ? sortValueReaders[kind](tagged) : anySortValue(tagged);
  if (value === undefined) throw invalidCursor();
  return { value, id };
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw badInput(`first must be between 0 and ${maxPageSize}`, 'first');
  }
  return first;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * An edge whose cursor is encoded only when the operation selects it. A class rather than a
 * literal with a getter: the getter lives once on the prototype, not as a closure per edge.
 */
class Edge<T extends Cursor> {
  constructor(
    readonly node: T,
    private readonly sort: SortOrder,
  ) {}
  get cursor() {
    return encodeCursor(this.node, this.sort);
  }
}

/**
 * A page's PageInfo, its cursors encoded only when selected. A class, not a literal with getters:
 * a literal's getters are new closures each time, so every page got a hidden class of its own,
 * made in old space and pointing at the page, and no page could die young (it survived scavenges
 * until a full collection; in-process, 2.37 MB of every scavenge survived for it, 15 KB since).
 */
class PageInfo<T extends Cursor> {
  constructor(
    private readonly edges: readonly Edge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}
  get startCursor() {
    return this.edges[0]?.cursor ?? null;
  }
  get endCursor() {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

/** Builds a Relay connection from `size + 1` fetched rows (the extra row only tells there is a next page). */
export function toConnection<T extends Cursor>(
  rows: T[],
  size: number,
  totalCount: number,
  hasPrevious: boolean,
  sort: SortOrder = creationSort,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => new Edge(node, sort));
  return { edges, pageInfo: new PageInfo(edges, rows.length > size, hasPrevious), totalCount };
}

/** Prisma `orderBy` for a sort order: the column, then id the same way. */
export function orderByOf(sort: SortOrder) {
  const direction = sort.direction === 'ASC' ? ('asc' as const) : ('desc' as const);
  return [{ [sort.field]: direction }, { id: direction }];
}

/** The order every paginated list uses by default, as Prisma `orderBy`. */
export const creationOrder = orderByOf(creationSort);

/** Prisma `where` fragment for the rows after a cursor position in `sort` order. */
export function afterPosition(position: CursorPosition | null, sort: SortOrder = creationSort) {
  if (!position) return {};
  const beyond = sort.direction === 'ASC' ? 'gt' : 'lt';
  return {
    OR: [
      { [sort.field]: { [beyond]: position.value } },
      { [sort.field]: position.value, id: { [beyond]: position.id } },
    ],
  };
}

export interface PageQuery {
  /** AND it with the list's own filter. */
  after: ReturnType<typeof afterPosition>;
  orderBy: ReturnType<typeof orderByOf>;
  /** One more than the page size: the extra row tells whether there is a next page. */
  take: number;
}

/**
 * One page of a list in `sort` order (default: creation order): `rows` gets the keyset filter, the
 * order and how many rows to take; `count` the total (both in one read session when they are scoped
 * reads; no `count`: the total is not asked for and left 0). Sort only on columns that are never null.
 */
export async function loadPage<T extends Cursor>(
  args: PageArgs,
  rows: (page: PageQuery) => Promise<T[]>,
  count: (() => Promise<number>) | null,
  sort: SortOrder = creationSort,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const position = args.after ? decodeCursor(args.after, sort) : null;
  const [found, totalCount] = await Promise.all([
    rows({ after: afterPosition(position, sort), orderBy: orderByOf(sort), take: size + 1 }),
    count ? count() : 0,
  ]);
  return toConnection(found, size, totalCount, position !== null, sort);
}
