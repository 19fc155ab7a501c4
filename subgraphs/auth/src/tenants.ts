import { afterCursor, decodeCursor, pageSize, toConnection, type PageArgs } from '@codex/kit';
import type { AuthDatabase } from './db.ts';

/** Tenants oldest first, a page at a time. */
export async function listTenants(db: AuthDatabase, args: PageArgs) {
  const size = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after) : null;
  const [rows, totalCount] = await Promise.all([
    db.tenant.findMany({ where: afterCursor(cursor), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: size + 1 }),
    db.tenant.count(),
  ]);
  return toConnection(rows, size, totalCount, cursor !== null);
}

export async function findTenants(db: AuthDatabase, ids: readonly string[]) {
  const rows = await db.tenant.findMany({ where: { id: { in: [...ids] } } });
  return new Map(rows.map((row) => [row.id, row]));
}
