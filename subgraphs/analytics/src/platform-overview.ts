import { withScope, type DailyCount } from '@codex/kit';
import type { AnalyticsRequest } from './request.ts';
import {
  activeInLast30Days,
  inLast24Hours,
  inLast30Days,
  topEventsJson,
  totalRollups,
  type TenantAnalyticsSummary,
} from './tenant-summary.ts';

/** The platform overview's one id: the entity stands for the whole platform. */
export const platformId = 'platform';

export interface TenantEventCount {
  tenant: { __typename: 'Tenant'; id: string };
  events: number;
}

/** Raw reads across every tenant the request may see (SUPERADMIN: all; the permission map lets only them here). */
const readAll = <T>(request: AnalyticsRequest, sql: string) =>
  withScope(request.db, request.dataScope, (tx) => tx.$queryRawUnsafe<T[]>(sql));

/** `platform_event_rollups` rows of one granularity (shards summed by the reads), in total (`''`) or per name. */
const platformRollups = (granularity: 'HOUR' | 'DAY', names: 'total' | 'per name') =>
  `p.granularity = '${granularity}' AND p.name ${names === 'total' ? "= ''" : "<> ''"}`;

/**
 * The tenant summary summed over every tenant, in one statement over the stats rows (one per
 * tenant), the platform rollups of the windows (24 HOUR and 30 DAY periods, 16 shards each, in
 * total and per name) and the active users' index range.
 */
export async function platformAnalyticsSummary(request: AnalyticsRequest): Promise<TenantAnalyticsSummary> {
  const [row] = await readAll<TenantAnalyticsSummary>(
    request,
    `SELECT
       (SELECT coalesce(sum(s.total_events), 0) FROM tenant_event_stats s)::int AS "totalEvents",
       (SELECT coalesce(sum(p.events), 0) FROM platform_event_rollups p WHERE ${platformRollups('HOUR', 'total')} AND ${inLast24Hours('p.period_start')})::int AS "eventsLast24h",
       (SELECT coalesce(sum(p.events), 0) FROM platform_event_rollups p WHERE ${platformRollups('DAY', 'total')} AND ${inLast30Days('p.period_start')})::int AS "eventsLast30d",
       (SELECT count(*) FROM tenant_active_users u WHERE ${activeInLast30Days('u.last_seen_day')})::int AS "uniqueUsers30d",
       ${topEventsJson(
         `SELECT p.name, sum(p.events)::int AS count FROM platform_event_rollups p
          WHERE ${platformRollups('DAY', 'per name')} AND ${inLast30Days('p.period_start')} GROUP BY 1`,
       )} AS "topEvents"`,
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
    `SELECT d.day, coalesce(sum(p.events), 0)::int AS count
     FROM generate_series(date_trunc('day', now(), 'UTC') - interval '29 days', date_trunc('day', now(), 'UTC'), interval '1 day') AS d(day)
     LEFT JOIN platform_event_rollups p ON p.period_start = d.day AND ${platformRollups('DAY', 'total')}
     GROUP BY d.day ORDER BY d.day`,
  );
  return rows.map((row) => ({ day: new Date(row.day), count: row.count }));
}
