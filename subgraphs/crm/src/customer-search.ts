import {
  badInput,
  decodeCursor,
  isUuid,
  pageSize,
  requireIdentity,
  tenantFilter,
  toConnection,
  withReadScope,
  type PageArgs,
  type SortOrder,
} from '@codex/kit';
import { escapeLike, type CustomerFilter } from './customer-rules.ts';
import type { CrmRequest } from './request.ts';
import type { Customer } from './db.ts';

/**
 * Full-text search of customers on `search_vector` (kept by a trigger, GIN-indexed), best match
 * first: `ts_rank` descending, then id. Pages by keyset on (rank, id): cursors carry the rank, so a
 * page never depends on an offset. Raw SQL is guarded by row-level security only, so it runs in a
 * scoped read session; input only ever travels as parameters.
 */
const searchSort: SortOrder = { field: 'searchRank', direction: 'DESC', kind: 'real' };

/** A customer with the rank it had in the search that found it (the cursor of its edge). */
type RankedCustomer = Customer & { searchRank: string };

/** Numbered parameters of one statement: `add` returns the placeholder, cast. */
function parameters() {
  const values: unknown[] = [];
  return {
    values,
    add(value: unknown, cast: string) {
      values.push(value);
      return `$${values.length}::${cast}`;
    },
  };
}
type Parameters = ReturnType<typeof parameters>;

/**
 * The tsquery for what was typed: web-search syntax (quotes, `or`, `-word`), and the last word
 * also as a prefix when it is a plain word, so "alice mar" finds Alice Martin while typing.
 */
function tsQuerySql(text: string, params: Parameters): string {
  const lastWord = /(?:^|\s)([\p{L}\p{N}]+)$/u.exec(text)?.[1];
  const insideQuotes = (text.match(/"/g)?.length ?? 0) % 2 === 1;
  if (!lastWord || insideQuotes || lastWord.toLowerCase() === 'or')
    return `websearch_to_tsquery('simple', ${params.add(text, 'text')})`;
  const rest = text.slice(0, text.length - lastWord.length);
  return `(websearch_to_tsquery('simple', ${params.add(rest, 'text')}) && to_tsquery('simple', ${params.add(`${lastWord}:*`, 'text')}))`;
}

/** The WHERE conditions besides the match: tenant (on top of RLS) and the list filter. */
function filterConditions(tenantId: string | undefined, filter: CustomerFilter, params: Parameters): string[] {
  return [
    ...(tenantId ? [`c.tenant_id = ${params.add(tenantId, 'uuid')}`] : []),
    ...(filter.status ? [`c.status = ${params.add(filter.status, 'customer_status')}`] : []),
    ...(filter.tag ? [`${params.add(filter.tag, 'text')} = ANY(c.tags)`] : []),
    ...(filter.source ? [`c.source = ${params.add(filter.source, 'text')}`] : []),
    ...(filter.company ? [`c.company ILIKE ${params.add(`%${escapeLike(filter.company)}%`, 'text')}`] : []),
    ...(filter.createdById ? [`c.created_by_id = ${params.add(filter.createdById, 'uuid')}`] : []),
  ];
}

/** How PostgreSQL prints a `real` rank (what the cursor carries back as a parameter). */
const rankPattern = /^\d+(\.\d+)?(e-?\d+)?$/;

/** Where the page starts: after the cursor's (rank, id), in descending order. */
function afterCursor(after: string | null | undefined): { rank: string; id: string } | null {
  if (!after) return null;
  const { value, id } = decodeCursor(after, searchSort);
  if (typeof value !== 'string' || !rankPattern.test(value) || !isUuid(id)) throw badInput('Invalid cursor', 'after');
  return { rank: value, id };
}

export async function searchCustomers(
  request: CrmRequest,
  args: PageArgs & { tenantId?: string | null },
  text: string,
  filter: CustomerFilter,
) {
  const size = pageSize(args.first);
  const position = afterCursor(args.after);
  const { tenantId } = tenantFilter(requireIdentity(request.identity), args.tenantId);
  const params = parameters();
  const matches = `WITH q AS (SELECT ${tsQuerySql(text, params)} AS query),
    matches AS (
      SELECT c.id, ts_rank(c.search_vector, q.query) AS rank FROM customers c, q
      WHERE ${['c.search_vector @@ q.query', ...filterConditions(tenantId, filter, params)].join(' AND ')}
    )`;
  const beyond = position
    ? `WHERE rank < ${params.add(position.rank, 'real')} OR (rank = ${params.add(position.rank, 'real')} AND id < ${params.add(position.id, 'uuid')})`
    : '';
  // The total and the page in one statement: the total's one row, joined with the page's rows (if any).
  const pageSql = `${matches} SELECT total.count AS total, page.id::text AS id, page.rank::text AS rank
    FROM (SELECT count(*)::int AS count FROM matches) total
    LEFT JOIN LATERAL (SELECT id, rank FROM matches ${beyond} ORDER BY rank DESC, id DESC LIMIT ${params.add(size + 1, 'int')}) page ON true
    ORDER BY page.rank DESC, page.id DESC`;
  return withReadScope(request.db, request.dataScope, async (tx) => {
    const found = await tx.$queryRawUnsafe<{ total: number; id: string | null; rank: string | null }[]>(
      pageSql,
      ...params.values,
    );
    const total = found[0]?.total ?? 0;
    const ranked = found.flatMap(({ id, rank }) => (id && rank ? [{ id, rank }] : []));
    const rows = await tx.customer.findMany({ where: { id: { in: ranked.map((row) => row.id) } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const nodes = ranked.flatMap(({ id, rank }): RankedCustomer[] => {
      const customer = byId.get(id);
      return customer ? [{ ...customer, searchRank: rank }] : [];
    });
    return toConnection(nodes, size, total, position !== null, searchSort);
  });
}
