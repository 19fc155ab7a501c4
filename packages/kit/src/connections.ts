import { badInput } from './errors.ts';

export const defaultPageSize = 20;
export const maxPageSize = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Keyset position: rows are ordered by (createdAt, id), both ascending. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('malformed');
    return { createdAt: date, id };
  } catch {
    throw badInput('Invalid cursor', 'after');
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
export function toConnection<T extends Cursor>(rows: T[], size: number, totalCount: number, hasPrevious: boolean): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
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

/** The order every paginated list uses: oldest first, ties by id (the keyset cursors encode). */
export const creationOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/**
 * One page of a list in `creationOrder`: `rows` gets the keyset filter to AND with its own and how
 * many rows to take (one extra tells whether there is a next page); `count` the total.
 */
export async function loadPage<T extends Cursor>(
  args: PageArgs,
  rows: (page: { after: ReturnType<typeof afterCursor>; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after) : null;
  const [found, totalCount] = await Promise.all([rows({ after: afterCursor(cursor), take: size + 1 }), count()]);
  return toConnection(found, size, totalCount, cursor !== null);
}

/** Prisma `where` fragment for rows after a cursor in (createdAt, id) order. */
export function afterCursor(cursor: Cursor | null) {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }],
  };
}
