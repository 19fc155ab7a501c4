import {
  badInput,
  boundedString,
  decodeCursor,
  orderByOf,
  pageSize,
  parseInput,
  sortOrderOf,
  toConnection,
  type PageArgs,
  type SortOrder,
} from '@codex/kit';
import type { TenantStatus } from './db.ts';
import type { TenantOrder, TenantOrderField } from './generated/graphql.ts';
import type { AuthRequest } from './request.ts';

export interface TenantListArgs extends PageArgs {
  search?: string | null;
  orderBy?: TenantOrder | null;
}

/** The enum's declared order, which is how PostgreSQL sorts `tenant_status`. */
const statusOrder: TenantStatus[] = ['TRIAL', 'ACTIVE', 'SUSPENDED', 'ARCHIVED'];

const columns: Record<TenantOrderField, { field: string; kind: 'date' | 'text' }> = {
  NAME: { field: 'name', kind: 'text' },
  CREATED_AT: { field: 'createdAt', kind: 'date' },
  STATUS: { field: 'status', kind: 'text' },
};

// As long as a tenant name: a longer search cannot match.
const searchSchema = boundedString(200).trim();

/** Name or slug containing the search, any case: served by the trigram indexes on both columns. */
function searchWhere(search: string | null | undefined) {
  const text = search ? parseInput(searchSchema, search, 'search') : '';
  if (!text) return {};
  // Prisma sends `contains` as ILIKE '%…%' unescaped: a typed % or _ must match itself.
  const pattern = text.replace(/[\\%_]/g, (char) => `\\${char}`);
  return {
    OR: [
      { name: { contains: pattern, mode: 'insensitive' as const } },
      { slug: { contains: pattern, mode: 'insensitive' as const } },
    ],
  };
}

const isStatus = (value: unknown): value is TenantStatus => statusOrder.includes(value as TenantStatus);

/**
 * Rows after a cursor. Prisma has no `gt` on enums, so a status position is "a later status, or the
 * same status and a later id", the later statuses named from the enum's order.
 */
function afterCursor(after: string | null | undefined, sort: SortOrder) {
  if (!after) return {};
  const { value, id } = decodeCursor(after, sort);
  const beyond = sort.direction === 'ASC' ? 'gt' : 'lt';
  const sameAndBeyond = { [sort.field]: value, id: { [beyond]: id } };
  if (sort.field !== 'status') return { OR: [{ [sort.field]: { [beyond]: value } }, sameAndBeyond] };
  if (!isStatus(value)) throw badInput('Invalid cursor (or a cursor of another sort order)', 'after');
  const position = statusOrder.indexOf(value);
  const later = sort.direction === 'ASC' ? statusOrder.slice(position + 1) : statusOrder.slice(0, position);
  return { OR: [{ status: { in: later } }, sameAndBeyond] };
}

/** Tenants a page at a time, searched by name or slug and sorted by name, creation or status (default: oldest first). */
export async function listTenants(request: Pick<AuthRequest, 'db'>, args: TenantListArgs) {
  const size = pageSize(args.first);
  const sort = sortOrderOf(args.orderBy, columns);
  const where = searchWhere(args.search);
  const [rows, total] = await Promise.all([
    request.db.tenant.findMany({
      where: { AND: [where, afterCursor(args.after, sort)] },
      orderBy: orderByOf(sort),
      take: size + 1,
    }),
    request.db.tenant.count({ where }),
  ]);
  return toConnection(rows, size, total, Boolean(args.after), sort);
}
