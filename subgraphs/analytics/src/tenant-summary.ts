import { summaryAccumulator } from '@codex/kit';
import type { AnalyticsDatabase } from './db.ts';

export interface TenantAnalyticsSummary {
  totalEvents: number;
  eventsLast24h: number;
}

export const emptyAnalyticsSummary = (): TenantAnalyticsSummary => ({ totalEvents: 0, eventsLast24h: 0 });

const dayMs = 24 * 60 * 60 * 1000;

/** Analytics figures for many tenants in two grouped queries. */
export async function summariseTenants(
  db: AnalyticsDatabase,
  tenantIds: readonly string[],
  now = new Date(),
): Promise<Map<string, TenantAnalyticsSummary>> {
  const tenantId = { in: [...tenantIds] };
  const [total, recent] = await Promise.all([
    db.event.groupBy({ by: ['tenantId'], where: { tenantId }, _count: { _all: true } }),
    db.event.groupBy({ by: ['tenantId'], where: { tenantId, occurredAt: { gte: new Date(now.getTime() - dayMs) } }, _count: { _all: true } }),
  ]);
  const { summaries, of: summaryOf } = summaryAccumulator(emptyAnalyticsSummary);
  for (const row of total) summaryOf(row.tenantId).totalEvents = row._count._all;
  for (const row of recent) summaryOf(row.tenantId).eventsLast24h = row._count._all;
  return summaries;
}
