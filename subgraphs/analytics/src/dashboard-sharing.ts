import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { auditRow, badInput, existingId, findExisting, isUuid, requireIdentity, withScope } from '@codex/kit';
import type { AnalyticsDatabase, Dashboard } from './db.ts';
import { tenantSource } from './insights/insight-source.ts';
import { widgetResults, type WidgetResultModel } from './insights/widget-results.ts';
import type { AnalyticsRequest } from './request.ts';

/**
 * A share token is `<tenantId>.<dashboardId>.<secret>`: it names where its dashboard lives, so it is
 * checked inside that tenant's row-level security (no lookup across tenants); only the secret's
 * sha256 is stored. It is never a credential: only `sharedDashboard` reads it.
 */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

export async function createDashboardShareToken(request: AnalyticsRequest, id: string) {
  requireIdentity(request.identity);
  const dashboardId = existingId(id, 'Dashboard');
  const secret = randomBytes(32).toString('base64url');
  const dashboard = await withScope(request.db, request.dataScope, async (tx) => {
    const existing = await findExisting(tx.dashboard, dashboardId, 'Dashboard');
    if (!existing.isPublic) throw badInput('Only a public dashboard can be shared', 'id');
    const updated = await tx.dashboard.update({ where: { id: dashboardId }, data: { shareTokenHash: hashOf(secret) } });
    await auditRow(tx, request, 'dashboard.share', 'Dashboard', existing, { shared: true });
    return updated;
  });
  return { token: `${dashboard.tenantId}.${dashboard.id}.${secret}`, dashboard };
}

export async function revokeDashboardShareToken(request: AnalyticsRequest, id: string): Promise<boolean> {
  requireIdentity(request.identity);
  const dashboardId = existingId(id, 'Dashboard');
  return withScope(request.db, request.dataScope, async (tx) => {
    const existing = await findExisting(tx.dashboard, dashboardId, 'Dashboard');
    if (existing.shareTokenHash === null) return false;
    await tx.dashboard.update({ where: { id: dashboardId }, data: { shareTokenHash: null } });
    await auditRow(tx, request, 'dashboard.unshare', 'Dashboard', existing, { shared: false });
    return true;
  });
}

/** What a share token shows: no ids, no creator, nothing that leads elsewhere in the graph. */
export interface SharedDashboardModel {
  name: string;
  description: string | null;
  widgets: Record<string, unknown>[];
  widgetResults: WidgetResultModel[];
  updatedAt: Date;
}

const matches = (stored: string | null, secret: string) =>
  stored !== null && timingSafeEqual(Buffer.from(stored), Buffer.from(hashOf(secret)));

/**
 * The public dashboard a token names, read with a database narrowed to the token's tenant
 * (`databaseOf`); null for a malformed, wrong or revoked token or a dashboard no longer public.
 */
export async function readSharedDashboard(
  databaseOf: (tenantId: string) => AnalyticsDatabase,
  token: string,
): Promise<SharedDashboardModel | null> {
  const [tenantId = '', dashboardId = '', secret = '', ...rest] = token.split('.');
  if (rest.length > 0 || !isUuid(tenantId) || !isUuid(dashboardId) || !secretPattern.test(secret)) return null;
  const db = databaseOf(tenantId.toLowerCase());
  const dashboard: Dashboard | null = await db.dashboard.findFirst({ where: { id: dashboardId.toLowerCase() } });
  if (!dashboard?.isPublic || !matches(dashboard.shareTokenHash, secret)) return null;
  const scope = { kind: 'tenant', tenantId: dashboard.tenantId } as const;
  return {
    name: dashboard.name,
    description: dashboard.description,
    widgets: dashboard.widgets as Record<string, unknown>[],
    widgetResults: widgetResults(dashboard.widgets, tenantSource(db, scope, dashboard.tenantId)),
    updatedAt: dashboard.updatedAt,
  };
}
