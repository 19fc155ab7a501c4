/** What `readRowSets` needs of a (scoped) Prisma client or transaction. */
interface RawReader {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * Several queries' rows in one statement and one round trip: each query's rows come back as a
 * json array under its name (`[]` when it has none). Columns keep their SQL names; numbers and
 * strings survive json as they are, so cast counts to int and exact amounts to text. The SQL is
 * the code's own, never a request's; `parameters` ($1, …) are shared by every query.
 */
export async function readRowSets<T extends Record<string, unknown[]>>(
  reader: RawReader,
  queries: { [K in keyof T]: string },
  parameters: unknown[] = [],
): Promise<T> {
  const columns = Object.entries(queries).map(
    ([name, sql]) => `coalesce((SELECT json_agg(r) FROM (${sql}) r), '[]'::json) AS "${name}"`,
  );
  const [row] = await reader.$queryRawUnsafe<T[]>(`SELECT ${columns.join(', ')}`, ...parameters);
  return row!;
}
