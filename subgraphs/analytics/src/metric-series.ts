import { badInput, requireIdentity, tenantFilter, withScope } from '@codex/kit';
import type { AnalyticsRequest } from './request.ts';
import { dimensionsHashSql, knownMetrics } from './rollups.ts';

export type MetricGranularity = 'HOUR' | 'DAY';

export interface MetricSeriesArgs {
  metric: string;
  granularity: MetricGranularity;
  from: Date;
  to: Date;
  eventName?: string | null;
  tenantId?: string | null;
}

export interface MetricPoint {
  periodStart: Date;
  /** Decimal text without trailing zeros, e.g. "12". */
  value: string;
}

const periodMs: Record<MetricGranularity, number> = { HOUR: 3_600_000, DAY: 86_400_000 };
/** 31 days of hours, 366 days: a chart's worth, and a bounded read. */
const maxPeriods: Record<MetricGranularity, number> = { HOUR: 31 * 24, DAY: 366 };

/** The periods asked for: from `from` rounded down to its UTC period, every start before `to`. */
function periodStarts(args: MetricSeriesArgs): Date[] {
  if (args.to.getTime() <= args.from.getTime()) throw badInput('to must be after from', 'to');
  const step = periodMs[args.granularity];
  const first = Math.floor(args.from.getTime() / step) * step;
  const count = Math.ceil((args.to.getTime() - first) / step);
  if (count > maxPeriods[args.granularity])
    throw badInput(`at most ${maxPeriods[args.granularity]} ${args.granularity} periods between from and to`, 'to');
  return Array.from({ length: count }, (_, index) => new Date(first + index * step));
}

function eventNameOf(eventName: string | null | undefined): string | null {
  if (eventName === null || eventName === undefined) return null;
  const trimmed = eventName.trim();
  if (!trimmed || trimmed.length > 200) throw badInput('eventName must be 1–200 characters', 'eventName');
  return trimmed;
}

/**
 * A metric per period, read from the rollups (never from the events): every period of the range
 * is listed, empty ones as "0". SUPERADMIN without `tenantId`: the sum over all tenants.
 */
export async function metricSeries(request: AnalyticsRequest, args: MetricSeriesArgs): Promise<MetricPoint[]> {
  const identity = requireIdentity(request.identity);
  if (!knownMetrics.includes(args.metric))
    throw badInput(`Unknown metric; known metrics: ${knownMetrics.join(', ')}`, 'metric');
  const periods = periodStarts(args);
  const eventName = eventNameOf(args.eventName);
  const { tenantId } = tenantFilter(identity, args.tenantId);
  const end = new Date(periods.at(-1)!.getTime() + periodMs[args.granularity]);
  const rows = await withScope(request.db, request.dataScope, (tx) =>
    tx.$queryRawUnsafe<{ periodStart: Date | string; value: string }[]>(
      `SELECT period_start AS "periodStart", trim_scale(sum(value))::text AS value
       FROM metric_rollups
       WHERE metric = $1 AND granularity = $2
         AND period_start >= $3::timestamptz AND period_start < $4::timestamptz
         AND dimensions_hash = ${dimensionsHashSql(`CASE WHEN $5::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('name', $5::text) END`)}
         AND ($6::uuid IS NULL OR tenant_id = $6::uuid)
       GROUP BY period_start`,
      args.metric,
      args.granularity,
      periods[0]!.toISOString(),
      end.toISOString(),
      eventName,
      tenantId ?? null,
    ),
  );
  const values = new Map(rows.map((row) => [new Date(row.periodStart).getTime(), row.value]));
  return periods.map((periodStart) => ({ periodStart, value: values.get(periodStart.getTime()) ?? '0' }));
}
