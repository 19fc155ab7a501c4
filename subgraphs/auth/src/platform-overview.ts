import { createdPerDay, dailySeries, growthWindowStart, withScope, type DailyCount, type DataScope } from '@codex/kit';
import type { AuthDatabase, TenantStatus } from './db.ts';
import { emptyUsersSummary } from './user-summary.ts';

/**
 * Auth's part of the platform overview. Auth's tables stay small at the target scale (a tenant
 * registry of ~1,000 rows and a few users each), so grouped queries over them are cheap.
 */
export async function platformUsers(db: AuthDatabase) {
  const rows = await db.user.groupBy({
    by: ['active'],
    where: { tenantId: { not: null } },
    _count: { _all: true },
    _max: { lastLoginAt: true },
  });
  const summary = emptyUsersSummary();
  for (const row of rows) {
    summary.total += row._count._all;
    if (row.active) summary.active += row._count._all;
    const last = row._max.lastLoginAt;
    if (last && (!summary.lastActivityAt || last > summary.lastActivityAt)) summary.lastActivityAt = last;
  }
  return summary;
}

const tenantStatuses: TenantStatus[] = ['TRIAL', 'ACTIVE', 'SUSPENDED', 'ARCHIVED'];

/** Every status, with 0 for those no tenant has. */
export async function tenantsByStatus(db: AuthDatabase) {
  const rows = await db.tenant.groupBy({ by: ['status'], _count: { _all: true } });
  const counts = new Map(rows.map((row) => [row.status, row._count._all]));
  return tenantStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/** Tenants created per UTC day over the last 30 days. */
export const tenantGrowth = (db: AuthDatabase, scope: DataScope, now = new Date()) =>
  withScope(db, scope, (tx) => createdPerDay(tx, 'tenants', now));

/**
 * Users of every tenant created per UTC day over the last 30 days (SUPERADMINs, who have no tenant,
 * not counted): a range read of the index on `created_at`.
 */
export async function userGrowth(db: AuthDatabase, scope: DataScope, now = new Date()): Promise<DailyCount[]> {
  const start = growthWindowStart(now);
  const rows = await withScope(
    db,
    scope,
    (tx) =>
      tx.$queryRaw<{ day: Date; count: number }[]>`
      SELECT date_trunc('day', created_at, 'UTC') AS day, count(*)::int AS count FROM users
      WHERE created_at >= ${start} AND tenant_id IS NOT NULL GROUP BY 1`,
  );
  return dailySeries(new Map(rows.map((row) => [row.day.getTime(), row.count])), now);
}
