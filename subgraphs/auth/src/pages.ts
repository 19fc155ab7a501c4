import { creationOrder, loadPage, type Cursor, type PageArgs } from '@codex/kit';
import { requireIdentity, tenantFilter, type AuthRequest } from './request-scope.ts';

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
