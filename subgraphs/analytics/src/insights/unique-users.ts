import type { QueryActiveUsersArgs } from '../generated/graphql.ts';
import type { AnalyticsRequest } from '../request.ts';
import { selectedEvents } from './event-scope.ts';
import { createSqlParams, personExpression } from './filters.ts';
import { requestSource } from './insight-source.ts';
import { dayMs, periodSql, periodsOf } from './periods.ts';

export interface ActiveUsersPoint {
  day: Date;
  dau: number;
  wau: number;
  mau: number;
  stickiness: number;
}

const windowDays = { week: 7, month: 30 };

interface ActiveUsersRow {
  day: Date;
  dau: number;
  wau: number;
  mau: number;
}

/**
 * The distinct (user, UTC day) pairs of the selected events from 29 days before the first day on.
 * Each pair covers the days from its own to just before the user's next active day (so a user's
 * spans never overlap), at most 7 (WAU) or 30 (MAU) days: a day's WAU and MAU are then counts of
 * the spans covering it, no DISTINCT over the join. Days are fixed 24-hour strides (date_bin),
 * never a session time zone's.
 */
function activeUsersSql(args: QueryActiveUsersArgs, tenantId: string, days: readonly Date[], end: Date) {
  const params = createSqlParams();
  const from = new Date(days[0]!.getTime() - (windowDays.month - 1) * dayMs);
  const where = selectedEvents({ ...args.query, tenantId, from, to: end }, params, 'query');
  const covers = (length: number) =>
    `d.day < least(s.day + interval '${length * 24} hours', coalesce(s.next_day, 'infinity'))`;
  const sql = `
    WITH active AS (
      SELECT DISTINCT ${personExpression} AS person, ${periodSql('DAY', 'e.occurred_at')} AS day
      FROM events e
      WHERE ${where} AND ${personExpression} IS NOT NULL
    ), spans AS (
      SELECT day, lead(day) OVER (PARTITION BY person ORDER BY day) AS next_day FROM active
    )
    SELECT d.day AS "day",
           count(*) FILTER (WHERE s.day = d.day)::int AS "dau",
           count(*) FILTER (WHERE ${covers(windowDays.week)})::int AS "wau",
           count(*) FILTER (WHERE ${covers(windowDays.month)})::int AS "mau"
    FROM unnest(${params.add(
      days.map((day) => day.toISOString()),
      'timestamptz[]',
    )}) AS d(day)
    JOIN spans s ON s.day <= d.day AND s.day > d.day - interval '${windowDays.month * 24} hours'
    GROUP BY d.day`;
  return { sql, params };
}

/** DAU, WAU, MAU and stickiness (DAU/MAU) for each UTC day of [from, to); days without users as 0. */
export async function activeUsers(request: AnalyticsRequest, args: QueryActiveUsersArgs): Promise<ActiveUsersPoint[]> {
  const source = requestSource(request, args.tenantId);
  const { starts: days, end } = periodsOf(args.query.from, args.query.to, 'DAY', 'query');
  const { sql, params } = activeUsersSql(args, source.tenantId, days, end);
  const rows = await source.rows<ActiveUsersRow>(sql, params.values);
  const byDay = new Map(rows.map((row) => [new Date(row.day).getTime(), row]));
  return days.map((day) => {
    const row = byDay.get(day.getTime());
    const [dau, wau, mau] = [row?.dau ?? 0, row?.wau ?? 0, row?.mau ?? 0];
    return { day, dau, wau, mau, stickiness: mau === 0 ? 0 : Math.round((dau / mau) * 10_000) / 10_000 };
  });
}
