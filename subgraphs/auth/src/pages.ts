import { afterCursor, decodeCursor, pageSize, toConnection, type Cursor, type PageArgs } from '@codex/kit';
import { requireIdentity, tenantFilter, type AuthRequest } from './request-scope.ts';

/** Order of every list: oldest first, ties by id (the keyset the cursors encode). */
export const creationOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/**
 * One page of a list: `rows` gets the keyset filter to AND with its own and how many rows to take
 * (one extra tells whether there is a next page); `count` the total.
 */
export async function loadPage<T extends Cursor>(
  args: PageArgs,
  rows: (page: { after: ReturnType<typeof afterCursor>; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
) {
  const size = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after) : null;
  const [found, totalCount] = await Promise.all([rows({ after: afterCursor(cursor), take: size + 1 }), count()]);
  return toConnection(found, size, totalCount, cursor !== null);
}

/** The part of a Prisma model delegate a tenant-owned list needs. */
interface ListableModel<T> {
  findMany: (args: { where: object; orderBy: typeof creationOrder; take: number }) => Promise<T[]>;
  count: (args: { where: object }) => Promise<number>;
}

/** A page of a tenant-owned list: SUPERADMIN all (or one tenant's), others their tenant; `filter` narrows further. */
export function loadTenantPage<T extends Cursor>(request: AuthRequest, args: PageArgs & { tenantId?: string | null }, model: ListableModel<T>, filter: object = {}) {
  const where = { ...tenantFilter(requireIdentity(request.identity), args.tenantId), ...filter };
  return loadPage(
    args,
    ({ after, take }) => model.findMany({ where: { AND: [where, after] }, orderBy: creationOrder, take }),
    () => model.count({ where }),
  );
}
