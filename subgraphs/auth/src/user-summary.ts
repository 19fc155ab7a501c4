import { summaryAccumulator } from '@codex/kit';
import type { AuthDatabase } from './db.ts';

export interface TenantUsersSummary {
  total: number;
  active: number;
  lastActivityAt: Date | null;
}

export const emptyUsersSummary = (): TenantUsersSummary => ({ total: 0, active: 0, lastActivityAt: null });

/** User figures for many tenants in one grouped query. */
export async function summariseTenantUsers(db: AuthDatabase, tenantIds: readonly string[]) {
  const rows = await db.user.groupBy({
    by: ['tenantId', 'active'],
    where: { tenantId: { in: [...tenantIds] } },
    _count: { _all: true },
    _max: { lastLoginAt: true },
  });
  const { summaries, of } = summaryAccumulator(emptyUsersSummary);
  for (const row of rows) {
    if (!row.tenantId) continue;
    const summary = of(row.tenantId);
    summary.total += row._count._all;
    if (row.active) summary.active += row._count._all;
    const last = row._max.lastLoginAt;
    if (last && (!summary.lastActivityAt || last > summary.lastActivityAt)) summary.lastActivityAt = last;
  }
  return summaries;
}
