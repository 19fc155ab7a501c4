import { withScope } from '@codex/kit';
import type { AnalyticsRequest } from './analytics-request.ts';
import { activeInLast30Days, inLast24Hours, inLast30Days, topEventsSql, totalRollups, type TenantAnalyticsSummary } from './tenant-summary.ts';

/** The platform overview's one id: the entity stands for the whole platform. */
export const platformId = 'platform';

export interface TenantEventCount {
  tenant: { __typename: 'Tenant'; id: string };
  events: number;
}

export interface DailyCount {
  day: Date;
  count: number;
}

/** Raw reads across every tenant the request may see (SUPERADMIN: all; the permission map lets only them here). */
const readAll = <T>(request: AnalyticsRequest, sql: string) => withScope(request.db, request.dataScope, (tx) => tx.$queryRawUnsafe<T[]>(sql));

/**
 * The tenant summary summed over every tenant, in one statement over the stats rows (one per
 * tenant), the windows' total rollup rows (24 HOUR and 30 DAY per tenant), the DAY per-name
 * rollups of 30 days and the active users' index range.
 */
export async function platformAnalyticsSummary(request: AnalyticsRequest): Promise<TenantAnalyticsSummary> {
  const [row] = await readAll<TenantAnalyticsSummary>(
    request,
    `SELECT
       (SELECT coalesce(sum(s.total_events), 0) FROM tenant_event_stats s)::int AS "totalEvents",
       (SELECT coalesce(sum(r.value), 0) FROM metric_rollups r WHERE ${totalRollups('HOUR')} AND ${inLast24Hours('r.period_start')})::int AS "eventsLast24h",
       (SELECT coalesce(sum(r.value), 0) FROM metric_rollups r WHERE ${totalRollups('DAY')} AND ${inLast30Days('r.period_start')})::int AS "eventsLast30d",
       (SELECT count(*) FROM tenant_active_users u WHERE ${activeInLast30Days('u.last_seen_day')})::int AS "uniqueUsers30d",
       ${topEventsSql('true')} AS "topEvents"`,
  );
  return row!;
}

/** The 10 tenants with the most events in the 30-day window (DAY total rollups), most first, then by tenant id. */
export async function topTenantsByEvents(request: AnalyticsRequest): Promise<TenantEventCount[]> {
  const rows = await readAll<{ tenantId: string; events: number }>(
    request,
    `SELECT r.tenant_id::text AS "tenantId", sum(r.value)::int AS events
     FROM metric_rollups r WHERE ${totalRollups('DAY')} AND ${inLast30Days('r.period_start')}
     GROUP BY r.tenant_id ORDER BY 2 DESC, 1 LIMIT 10`,
  );
  return rows.map((row) => ({ tenant: { __typename: 'Tenant', id: row.tenantId }, events: row.events }));
}

/** Events per UTC day across every tenant, the last 30 days including today, oldest first, 0 for empty days. */
export async function eventGrowth(request: AnalyticsRequest): Promise<DailyCount[]> {
  const rows = await readAll<{ day: Date; count: number }>(
    request,
    `SELECT d.day, coalesce(sum(r.value), 0)::int AS count
     FROM generate_series(date_trunc('day', now(), 'UTC') - interval '29 days', date_trunc('day', now(), 'UTC'), interval '1 day') AS d(day)
     LEFT JOIN metric_rollups r ON r.period_start = d.day AND ${totalRollups('DAY')}
     GROUP BY d.day ORDER BY d.day`,
  );
  return rows.map((row) => ({ day: new Date(row.day), count: row.count }));
}
