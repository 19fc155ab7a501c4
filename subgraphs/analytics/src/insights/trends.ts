import { badInput } from '@codex/kit';
import type { QueryTrendsArgs, TrendMeasure, TrendsInput } from '../generated/graphql.ts';
import type { AnalyticsRequest } from '../request.ts';
import { createSqlParams, personExpression, propertyNumber, propertyRef, propertyText, type Sql } from './filters.ts';
import { selectedEvents } from './event-scope.ts';
import { type InsightSource, requestSource } from './insight-source.ts';
import { periodSql, periodsOf } from './periods.ts';

/** Breakdown cardinality: how many values may get a series of their own. */
export const breakdownLimits = { default: 10, max: 25 };

export interface TrendSeries {
  breakdownValue: string | null;
  isOther: boolean;
  /** Decimal text per period, "0" where nothing. */
  values: string[];
}

export interface Trend {
  periods: Date[];
  series: TrendSeries[];
}

/**
 * Each measure in two steps: partial aggregates per period and breakdown value (one pass over the
 * events, a few hundred rows out), then combined per period and series ("other" gathers the values
 * outside the top). Distinct users cannot be added up, so they keep the person in the first step.
 */
const measures: Record<TrendMeasure, { partial: Sql; combined: Sql }> = {
  COUNT: { partial: '', combined: 'sum(g.events)' },
  UNIQUE_USERS: { partial: '', combined: 'count(DISTINCT g.person)' },
  SUM: { partial: ', sum(a.argument) AS total', combined: 'sum(g.total)' },
  AVG: { partial: ', sum(a.argument) AS total', combined: 'sum(g.total) / sum(g.events)' },
  MIN: { partial: ', min(a.argument) AS least', combined: 'min(g.least)' },
  MAX: { partial: ', max(a.argument) AS greatest', combined: 'max(g.greatest)' },
};

function breakdownLimitOf(query: TrendsInput): number {
  const limit = query.breakdownLimit ?? breakdownLimits.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > breakdownLimits.max)
    throw badInput(
      `query.breakdownLimit must be 1–${breakdownLimits.max} (limit breakdownLimit)`,
      'query.breakdownLimit',
    );
  return limit;
}

const breakdownRef = (query: TrendsInput) =>
  query.breakdown ? propertyRef(query.breakdown, 'query.breakdown') : undefined;

/** The SQL of a trend: one row per period and series (rank null: "other"; no breakdown: rank 1). */
function trendSql(query: TrendsInput, tenantId: string, periods: ReturnType<typeof periodsOf>) {
  const params = createSqlParams();
  const measure = query.measure ?? 'COUNT';
  const numeric = measure !== 'COUNT' && measure !== 'UNIQUE_USERS';
  if (numeric && !query.property) throw badInput(`query.property is required for ${measure}`, 'query.property');
  const argument = numeric ? propertyNumber(propertyRef(query.property!, 'query.property'), params) : 'NULL';
  const breakdown = query.breakdown ? propertyText(breakdownRef(query)!, params) : 'NULL::text';
  const limit = params.add(query.breakdown ? breakdownLimitOf(query) : 1, 'int');
  const where = selectedEvents({ ...query, tenantId, from: periods.starts[0]!, to: periods.end }, params, 'query');
  const person = measure === 'UNIQUE_USERS' ? `${personExpression}` : 'NULL::text';
  const sql = `
    WITH grouped AS (
      SELECT a.period, a.value, a.person, count(*) AS events ${measures[measure].partial}
      FROM (
        SELECT ${periodSql(query.interval, 'e.occurred_at')} AS period, ${breakdown} AS value,
               ${person} AS person, ${argument} AS argument
        FROM events e
        WHERE ${where} ${numeric ? `AND ${argument} IS NOT NULL` : ''}
      ) a
      GROUP BY a.period, a.value, a.person
    ), ranked AS (
      SELECT value, row_number() OVER (ORDER BY sum(events) DESC, value COLLATE "C" NULLS LAST) AS rank
      FROM grouped GROUP BY value
    )
    SELECT g.period AS "period", top.rank::int AS "rank", min(g.value) FILTER (WHERE top.rank IS NOT NULL) AS "value",
           trim_scale(${measures[measure].combined})::text AS "aggregate"
    FROM grouped g
    JOIN ranked r ON r.value IS NOT DISTINCT FROM g.value
    CROSS JOIN LATERAL (SELECT CASE WHEN r.rank <= ${limit} THEN r.rank END AS rank) top
    GROUP BY g.period, top.rank`;
  return { sql, params };
}

interface TrendRow {
  period: Date;
  rank: number | null;
  value: string | null;
  aggregate: string;
}

/** The rows spread over every period: series in rank order, "other" last. */
function seriesOf(rows: readonly TrendRow[], periods: readonly Date[], withBreakdown: boolean): TrendSeries[] {
  const index = new Map(periods.map((start, i) => [start.getTime(), i]));
  const byRank = new Map<number, TrendSeries>();
  for (const row of rows) {
    const rank = row.rank ?? Number.MAX_SAFE_INTEGER;
    let series = byRank.get(rank);
    if (!series) {
      series = { breakdownValue: row.value, isOther: row.rank === null, values: periods.map(() => '0') };
      byRank.set(rank, series);
    }
    series.values[index.get(new Date(row.period).getTime())!] = row.aggregate ?? '0';
  }
  if (!withBreakdown)
    return [byRank.get(1) ?? { breakdownValue: null, isOther: false, values: periods.map(() => '0') }];
  return [...byRank.entries()].sort(([a], [b]) => a - b).map(([, series]) => series);
}

/**
 * A trend over the tenant's events: per period, a count, distinct users or an aggregate of a
 * numeric property, optionally one series per breakdown value (top n by events, then "other").
 */
/** A trend over one tenant's events (`source`): the `trends` field and a dashboard's trend widget. */
export async function computeTrends(source: InsightSource, query: TrendsInput): Promise<Trend> {
  const periods = periodsOf(query.from, query.to, query.interval, 'query');
  // An unknown property has no values to break down by: no series, as for any unknown property.
  if (breakdownRef(query)?.kind === 'unknown') return { periods: periods.starts, series: [] };
  const { sql, params } = trendSql(query, source.tenantId, periods);
  const rows = await source.rows<TrendRow>(sql, params.values);
  return { periods: periods.starts, series: seriesOf(rows, periods.starts, Boolean(query.breakdown)) };
}

export const trends = (request: AnalyticsRequest, args: QueryTrendsArgs): Promise<Trend> =>
  computeTrends(requestSource(request, args.tenantId), args.query);
