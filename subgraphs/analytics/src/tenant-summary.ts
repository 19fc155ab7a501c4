import { isUuid, withReadScope, type DataScope } from '@codex/kit';
import type { AnalyticsDatabase } from './db.ts';
import { eventsCountMetric } from './rollups.ts';

export interface EventNameCount {
  name: string;
  count: number;
}

export interface TenantAnalyticsSummary {
  totalEvents: number;
  eventsLast24h: number;
  eventsLast30d: number;
  uniqueUsers30d: number;
  topEvents: EventNameCount[];
}

export const emptyAnalyticsSummary = (): TenantAnalyticsSummary => ({
  totalEvents: 0,
  eventsLast24h: 0,
  eventsLast30d: 0,
  uniqueUsers30d: 0,
  topEvents: [],
});

/**
 * The windows, as SQL over the statement's `now()`, so every figure of one read agrees: the
 * current UTC hour and the 23 before it; the current UTC day and the 29 before it.
 */
const hourNow = `date_trunc('hour', now(), 'UTC')`;
const dayNow = `date_trunc('day', now(), 'UTC')`;
const firstDayOfWindow = `((now() AT TIME ZONE 'UTC')::date - 29)`;
export const inLast24Hours = (column: string) => `${column} BETWEEN ${hourNow} - interval '23 hours' AND ${hourNow}`;
export const inLast30Days = (column: string) => `${column} BETWEEN ${dayNow} - interval '29 days' AND ${dayNow}`;
export const activeInLast30Days = (column: string) => `${column} >= ${firstDayOfWindow}`;

/** `events.count` rollups of one granularity, in total (`''`) or per name (`<> ''`). */
export const totalRollups = (granularity: 'HOUR' | 'DAY') =>
  `r.metric = '${eventsCountMetric}' AND r.granularity = '${granularity}' AND r.dimensions_hash = ''`;
const perNameRollups = `r.metric = '${eventsCountMetric}' AND r.granularity = 'DAY' AND r.dimensions_hash <> ''`;

/**
 * `topEvents` as a jsonb array: the 5 names of `counts` (a query with `name` and `count` columns,
 * one row per name) with the highest count, then by name in byte order.
 */
export const topEventsJson = (counts: string) => `(
  SELECT coalesce(jsonb_agg(jsonb_build_object('name', x.name, 'count', x.count) ORDER BY x.count DESC, x.name COLLATE "C"), '[]'::jsonb)
  FROM (SELECT c.name, c.count FROM (${counts}) c ORDER BY c.count DESC, c.name COLLATE "C" LIMIT 5) x
)`;

interface SummaryRow extends TenantAnalyticsSummary {
  tenantId: string;
}

/**
 * Analytics figures for many tenants in one statement over the stats row, at most 24 HOUR and
 * 30 DAY total rollup rows, the DAY per-name rollups of 30 days and the index range of active
 * users per tenant: never the events.
 */
export async function summariseTenants(
  db: AnalyticsDatabase,
  scope: DataScope,
  tenantIds: readonly string[],
): Promise<Map<string, TenantAnalyticsSummary>> {
  const rows = await withReadScope(db, scope, (tx) =>
    tx.$queryRawUnsafe<SummaryRow[]>(
      `SELECT t.tenant_id::text AS "tenantId",
         coalesce((SELECT s.total_events FROM tenant_event_stats s WHERE s.tenant_id = t.tenant_id), 0)::int AS "totalEvents",
         (SELECT coalesce(sum(r.value), 0) FROM metric_rollups r
          WHERE r.tenant_id = t.tenant_id AND ${totalRollups('HOUR')} AND ${inLast24Hours('r.period_start')})::int AS "eventsLast24h",
         (SELECT coalesce(sum(r.value), 0) FROM metric_rollups r
          WHERE r.tenant_id = t.tenant_id AND ${totalRollups('DAY')} AND ${inLast30Days('r.period_start')})::int AS "eventsLast30d",
         (SELECT count(*) FROM tenant_active_users u
          WHERE u.tenant_id = t.tenant_id AND ${activeInLast30Days('u.last_seen_day')})::int AS "uniqueUsers30d",
         ${topEventsJson(
           `SELECT r.dimensions->>'name' AS name, sum(r.value)::int AS count FROM metric_rollups r
            WHERE r.tenant_id = t.tenant_id AND ${perNameRollups} AND ${inLast30Days('r.period_start')} GROUP BY 1`,
         )} AS "topEvents"
       FROM (SELECT DISTINCT unnest($1::uuid[]) AS tenant_id) t`,
      tenantIds.filter(isUuid),
    ),
  );
  return new Map(rows.map(({ tenantId, ...summary }) => [tenantId, summary]));
}
