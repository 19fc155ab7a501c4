import { withReadScope, type DataScope, type ScopableClient } from './tenant-scope.ts';

/** Interactive-transaction client with raw queries, as every generated Prisma client has. */
interface RawQueryClient extends ScopableClient {
  $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => PromiseLike<T>;
}

export interface RowsPerKeyQuery {
  /** Table and columns are code constants, never input: they are written into the SQL. */
  table: string;
  keyColumn: string;
  /** SQL order within each key, e.g. `created_at DESC, id DESC`. */
  order: string;
  /** Extra condition on the rows, SQL with no parameters (e.g. `status = 'OPEN'`). */
  condition?: string;
  /** Cast of the key parameter array, e.g. `uuid[]` (default) or `text[]`. */
  keyType?: string;
  limit: number;
}

/**
 * The ids of the first `limit` rows of every key (e.g. the 10 newest leads of each of 100
 * customers) in one SQL statement, a window function over the keys, in a read session scoped for
 * row-level security. Fetch the rows themselves by id with the model afterwards: two queries
 * per hop, whatever the number of keys.
 */
export async function idsPerKey(
  db: ScopableClient,
  scope: DataScope,
  query: RowsPerKeyQuery,
  keys: readonly string[],
): Promise<Map<string, string[]>> {
  const grouped = new Map<string, string[]>(keys.map((key) => [key, []]));
  if (keys.length === 0 || query.limit <= 0) return grouped;
  const sql = `SELECT key::text AS key, id::text AS id FROM (
      SELECT ${query.keyColumn} AS key, id, row_number() OVER (PARTITION BY ${query.keyColumn} ORDER BY ${query.order}) AS position
      FROM ${query.table}
      WHERE ${query.keyColumn} = ANY($1::${query.keyType ?? 'uuid[]'})${query.condition ? ` AND (${query.condition})` : ''}
    ) ranked WHERE position <= $2 ORDER BY key, position`;
  const rows = await withReadScope(db as RawQueryClient, scope, async (tx) =>
    (tx as unknown as RawQueryClient).$queryRawUnsafe<{ key: string; id: string }[]>(
      sql,
      [...new Set(keys)],
      query.limit,
    ),
  );
  for (const row of rows) grouped.get(row.key)?.push(row.id);
  return grouped;
}

/** Puts rows fetched by id back in the per-key order `idsPerKey` found. */
export function rowsInKeyOrder<T extends { id: string }>(
  idsByKey: Map<string, string[]>,
  rows: readonly T[],
): Map<string, T[]> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return new Map([...idsByKey].map(([key, ids]) => [key, ids.flatMap((id) => byId.get(id) ?? [])]));
}
