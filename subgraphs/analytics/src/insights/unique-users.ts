import type { QueryActiveUsersArgs } from '../generated/graphql.ts';
import type { AnalyticsRequest } from '../request.ts';
import { insightTenant, readInsight, selectedEvents } from './event-scope.ts';
import { createSqlParams, personExpression } from './filters.ts';
import { dayMs, periodsOf } from './periods.ts';

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
 * The distinct (user, UTC day) pairs of the selected events, from 29 days before the first day on,
 * then for each day the users of that day, of its 7 days and of its 30 days. Windows are spelled
 * in hours: a '1 day' interval would follow the session's time zone across a DST change.
 */
function activeUsersSql(args: QueryActiveUsersArgs, tenantId: string, days: readonly Date[], end: Date) {
  const params = createSqlParams();
  const from = new Date(days[0]!.getTime() - (windowDays.month - 1) * dayMs);
  const where = selectedEvents({ ...args.query, tenantId, from, to: end }, params, 'query');
  const sql = `
    WITH active AS (
      SELECT DISTINCT ${personExpression} AS person, date_trunc('day', e.occurred_at, 'UTC') AS day
      FROM events e
      WHERE ${where} AND ${personExpression} IS NOT NULL
    )
    SELECT d.day AS "day",
           count(DISTINCT a.person) FILTER (WHERE a.day = d.day)::int AS "dau",
           count(DISTINCT a.person) FILTER (WHERE a.day > d.day - interval '${windowDays.week * 24} hours')::int AS "wau",
           count(DISTINCT a.person)::int AS "mau"
    FROM unnest(${params.add(
      days.map((day) => day.toISOString()),
      'timestamptz[]',
    )}) AS d(day)
    JOIN active a ON a.day > d.day - interval '${windowDays.month * 24} hours' AND a.day <= d.day
    GROUP BY d.day`;
  return { sql, params };
}

/** DAU, WAU, MAU and stickiness (DAU/MAU) for each UTC day of [from, to); days without users as 0. */
export async function activeUsers(request: AnalyticsRequest, args: QueryActiveUsersArgs): Promise<ActiveUsersPoint[]> {
  const tenantId = insightTenant(request, args.tenantId);
  const { starts: days, end } = periodsOf(args.query.from, args.query.to, 'DAY', 'query');
  const { sql, params } = activeUsersSql(args, tenantId, days, end);
  const rows = await readInsight<ActiveUsersRow>(request, sql, params);
  const byDay = new Map(rows.map((row) => [new Date(row.day).getTime(), row]));
  return days.map((day) => {
    const row = byDay.get(day.getTime());
    const [dau, wau, mau] = [row?.dau ?? 0, row?.wau ?? 0, row?.mau ?? 0];
    return { day, dau, wau, mau, stickiness: mau === 0 ? 0 : Math.round((dau / mau) * 10_000) / 10_000 };
  });
}
