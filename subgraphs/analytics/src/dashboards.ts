import {
  auditRow,
  existingId,
  findExisting,
  isUuid,
  loadTenantPage,
  parseInput,
  requireIdentity,
  sortOrderOf,
  targetTenantId,
  withScope,
  type Identity,
  type ListArgs,
  type SortDirection,
} from '@codex/kit';
import type { AnalyticsRequest } from './request.ts';
import { createDashboardInput, dashboardFilterInput, updateDashboardInput } from './dashboard-input.ts';
import type { Dashboard } from './db.ts';
import type { CreateDashboardInput, DashboardFilter, InputMaybe, UpdateDashboardInput } from './generated/graphql.ts';

const dashboardOrderFields = { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt', NAME: 'name' } as const;

export type DashboardListArgs = ListArgs<
  DashboardFilter,
  { field: keyof typeof dashboardOrderFields; direction: SortDirection }
>;

/**
 * Dashboards are tenant configuration: ADMINs (and SUPERADMINs) see all of their tenant's; a
 * CLIENT sees the public ones and those it created itself.
 */
export const canSeeDashboard = (identity: Identity | null, dashboard: Pick<Dashboard, 'isPublic' | 'createdById'>) =>
  identity !== null &&
  (identity.role !== 'CLIENT' || dashboard.isPublic || dashboard.createdById === identity.subjectId);

const visibleTo = (identity: Identity) =>
  identity.role === 'CLIENT' ? { OR: [{ isPublic: true }, { createdById: identity.subjectId }] } : {};

function dashboardWhere(input: InputMaybe<DashboardFilter> | undefined) {
  const filter = parseInput(dashboardFilterInput, input, 'filter');
  if (!filter) return {};
  return {
    ...(typeof filter.isPublic === 'boolean' ? { isPublic: filter.isPublic } : {}),
    ...(filter.createdById ? { createdById: filter.createdById } : {}),
    ...(filter.name ? { name: { contains: filter.name, mode: 'insensitive' as const } } : {}),
  };
}

export function listDashboards(request: AnalyticsRequest, args: DashboardListArgs) {
  const identity = requireIdentity(request.identity);
  const sort = sortOrderOf(args.orderBy, dashboardOrderFields);
  return loadTenantPage(
    request,
    args,
    request.db.dashboard,
    { AND: [visibleTo(identity), dashboardWhere(args.filter)] },
    sort,
  );
}

/** One dashboard the caller may see, else null (missing, foreign, not a UUID, or private to others). */
export async function visibleDashboard(
  identity: Identity | null,
  id: string,
  load: (id: string) => Promise<Dashboard | null>,
) {
  if (!isUuid(id)) return null;
  const dashboard = await load(id);
  return dashboard && canSeeDashboard(identity, dashboard) ? dashboard : null;
}

export async function createDashboard(request: AnalyticsRequest, input: CreateDashboardInput): Promise<Dashboard> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createDashboardInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  return withScope(request.db, request.dataScope, async (tx) => {
    const dashboard = await tx.dashboard.create({
      data: {
        tenantId,
        name: data.name,
        description: data.description ?? null,
        widgets: data.widgets ?? [],
        isPublic: data.isPublic ?? false,
        createdById: identity.subjectId,
      },
    });
    await auditRow(tx, request, 'dashboard.create', 'Dashboard', dashboard, {
      name: dashboard.name,
      isPublic: dashboard.isPublic,
      widgets: data.widgets?.length ?? 0,
    });
    return dashboard;
  });
}

export async function updateDashboard(
  request: AnalyticsRequest,
  id: string,
  input: UpdateDashboardInput,
): Promise<Dashboard> {
  const dashboardId = existingId(id, 'Dashboard');
  const data = parseInput(updateDashboardInput, input, 'input');
  return withScope(request.db, request.dataScope, async (tx) => {
    const existing = await findExisting(tx.dashboard, dashboardId, 'Dashboard');
    const updated = await tx.dashboard.update({ where: { id: dashboardId }, data });
    const changes = { ...data, ...(data.widgets ? { widgets: data.widgets.length } : {}) };
    await auditRow(tx, request, 'dashboard.update', 'Dashboard', existing, changes);
    return updated;
  });
}

export async function deleteDashboard(request: AnalyticsRequest, id: string): Promise<boolean> {
  const dashboardId = existingId(id, 'Dashboard');
  return withScope(request.db, request.dataScope, async (tx) => {
    const existing = await findExisting(tx.dashboard, dashboardId, 'Dashboard');
    await tx.dashboard.delete({ where: { id: dashboardId } });
    await auditRow(tx, request, 'dashboard.delete', 'Dashboard', existing, { name: existing.name });
    return true;
  });
}
