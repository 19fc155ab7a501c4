import { badInput, requireIdentity, tenantFilter, withScope, dateTimeSchema, parseInput } from '@codex/kit';
import type { QueryMetricSeriesArgs } from './generated/graphql.ts';
import { columnLimits } from './generated/column-limits.ts';
import type { AnalyticsRequest } from './request.ts';
import { dimensionsHashSql, knownMetrics } from './rollups.ts';

export type MetricGranularity = 'HOUR' | 'DAY';

export type MetricSeriesArgs = QueryMetricSeriesArgs;

export interface MetricPoint {
  periodStart: Date;
  /** Decimal text without trailing zeros, e.g. "12". */
  value: string;
}

export const periodMs: Record<MetricGranularity, number> = { HOUR: 3_600_000, DAY: 86_400_000 };
/** 31 days of hours, 366 days: a chart's worth, and a bounded read. */
const maxPeriods: Record<MetricGranularity, number> = { HOUR: 31 * 24, DAY: 366 };

/** The UTC hour or day an instant falls in (its start). */
export const periodOf = (instant: Date, granularity: MetricGranularity) =>
  new Date(Math.floor(instant.getTime() / periodMs[granularity]) * periodMs[granularity]);

/**
 * The periods asked for: from `from` rounded down to its UTC period, every start before `to`. Both
 * bounds lie in the storable window, so every period start does too.
 */
export function periodStarts(args: Pick<MetricSeriesArgs, 'from' | 'to' | 'granularity'>): Date[] {
  parseInput(dateTimeSchema, args.from, 'from');
  parseInput(dateTimeSchema, args.to, 'to');
  if (args.to.getTime() <= args.from.getTime()) throw badInput('to must be after from', 'to');
  const step = periodMs[args.granularity];
  const first = periodOf(args.from, args.granularity).getTime();
  const count = Math.ceil((args.to.getTime() - first) / step);
  if (count > maxPeriods[args.granularity])
    throw badInput(`at most ${maxPeriods[args.granularity]} ${args.granularity} periods between from and to`, 'to');
  return Array.from({ length: count }, (_, index) => new Date(first + index * step));
}

/** Names an event column: longer text cannot match. */
const maxEventName = columnLimits.Event.name;

function eventNameOf(eventName: string | null | undefined): string | null {
  if (eventName === null || eventName === undefined) return null;
  const trimmed = eventName.trim();
  if (!trimmed || trimmed.length > maxEventName || trimmed.includes('\u0000'))
    throw badInput(`eventName must be 1–${maxEventName} characters without NUL`, 'eventName');
  return trimmed;
}

/** Each period of `periods` with its value, "0" where the rollups have none. */
export const filledSeries = (periods: readonly Date[], values: ReadonlyMap<number, string>): MetricPoint[] =>
  periods.map((periodStart) => ({ periodStart, value: values.get(periodStart.getTime()) ?? '0' }));

/** Reads rows of one SQL statement (in the caller's scope). */
export type RowReader = <T>(sql: string, params: readonly unknown[]) => Promise<T[]>;

const seriesSql = `SELECT period_start AS "periodStart", trim_scale(sum(value))::text AS value
       FROM metric_rollups
       WHERE metric = $1 AND granularity = $2
         AND period_start >= $3::timestamptz AND period_start <= $4::timestamptz
         AND dimensions_hash = ${dimensionsHashSql(`CASE WHEN $5::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('name', $5::text) END`)}
         AND ($6::uuid IS NULL OR tenant_id = $6::uuid)
       GROUP BY period_start`;

/** The series of checked arguments (`periods` from `periodStarts`) over the rollups `rows` can read. */
export async function readMetricSeries(
  rows: RowReader,
  args: { metric: string; granularity: MetricGranularity; eventName: string | null; tenantId: string | null },
  periods: readonly Date[],
): Promise<MetricPoint[]> {
  const found = await rows<{ periodStart: Date | string; value: string }>(seriesSql, [
    args.metric,
    args.granularity,
    periods[0]!.toISOString(),
    // The last start, not the end after it: that end could lie past 9999-12-31.
    periods.at(-1)!.toISOString(),
    args.eventName,
    args.tenantId,
  ]);
  const values = new Map(found.map((row) => [new Date(row.periodStart).getTime(), row.value]));
  return filledSeries(periods, values);
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
  const rows: RowReader = (sql, params) =>
    withScope(request.db, request.dataScope, (tx) => tx.$queryRawUnsafe(sql, ...params));
  return readMetricSeries(rows, { ...args, eventName, tenantId: tenantId ?? null }, periods);
}
