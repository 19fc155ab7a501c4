import { badInput } from './errors.ts';

export const defaultPageSize = 20;
export const maxPageSize = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Every listed row has an id: the tie-breaker that makes any order total. */
export interface Cursor {
  id: string;
}

export type SortDirection = 'ASC' | 'DESC';

/**
 * The order of a list: one column (never null) then `id` in the same direction. Cursors name the
 * column and direction they were made for, so a cursor is refused under another order.
 */
export interface SortOrder<F extends string = string> {
  field: F;
  direction: SortDirection;
}

/** The order every list uses unless the caller sorts: oldest first, ties by id. */
export const creationSort: SortOrder<'createdAt'> = { field: 'createdAt', direction: 'ASC' };

/**
 * A list's `orderBy` argument (`{ field: LAST_NAME, direction: ASC }`) as a sort order, through a
 * map of the GraphQL enum's values to columns; every column offered must never be null (keyset
 * cursors need it). No `orderBy`: `fallback`.
 */
export function sortOrderOf<F extends string>(
  order: { field: F; direction: SortDirection } | null | undefined,
  columns: Record<F, string>,
  fallback: SortOrder = creationSort,
): SortOrder {
  return order ? { field: columns[order.field], direction: order.direction } : fallback;
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
  const tagged = value instanceof Date ? { d: value.toISOString() } : value;
  return Buffer.from(JSON.stringify([sort.field, sort.direction, tagged, row.id])).toString('base64url');
}

export function decodeCursor(encoded: string, sort: SortOrder = creationSort): CursorPosition {
  try {
    const [field, direction, tagged, id] = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown[];
    if (field !== sort.field || direction !== sort.direction || typeof id !== 'string') throw new Error('other order');
    if (typeof tagged === 'string' || typeof tagged === 'number') return { value: tagged, id };
    const date = new Date(String((tagged as { d?: unknown } | null)?.d));
    if (Number.isNaN(date.getTime())) throw new Error('malformed');
    return { value: date, id };
  } catch {
    throw badInput('Invalid cursor (or a cursor of another sort order)', 'after');
  }
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

/** Builds a Relay connection from `size + 1` fetched rows (the extra row only tells there is a next page). */
export function toConnection<T extends Cursor>(
  rows: T[],
  size: number,
  totalCount: number,
  hasPrevious: boolean,
  sort: SortOrder = creationSort,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node, sort), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
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
 * order and how many rows to take; `count` the total. Sort only on columns that are never null.
 */
export async function loadPage<T extends Cursor>(
  args: PageArgs,
  rows: (page: PageQuery) => Promise<T[]>,
  count: () => Promise<number>,
  sort: SortOrder = creationSort,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const position = args.after ? decodeCursor(args.after, sort) : null;
  const [found, totalCount] = await Promise.all([
    rows({ after: afterPosition(position, sort), orderBy: orderByOf(sort), take: size + 1 }),
    count(),
  ]);
  return toConnection(found, size, totalCount, position !== null, sort);
}
