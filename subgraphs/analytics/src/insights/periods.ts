import { badInput, dateTimeSchema, parseInput } from '@codex/kit';
import type { TrendInterval } from '../generated/graphql.ts';

const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** A bounded read: a chart's worth of periods per interval (`BAD_USER_INPUT` names the limit). */
export const maxPeriods: Record<TrendInterval, number> = { HOUR: 31 * 24, DAY: 366, WEEK: 106, MONTH: 36 };

/** The UTC period an instant falls in (weeks start on Monday, as PostgreSQL's date_trunc('week')). */
export function periodStart(instant: Date, interval: TrendInterval): Date {
  const time = instant.getTime();
  if (interval === 'HOUR') return new Date(Math.floor(time / hourMs) * hourMs);
  const day = Math.floor(time / dayMs) * dayMs;
  if (interval === 'DAY') return new Date(day);
  if (interval === 'WEEK') return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * dayMs);
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
}

/** The start of the period after the one starting at `start`. */
export function nextPeriod(start: Date, interval: TrendInterval): Date {
  if (interval === 'MONTH') return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const step = { HOUR: hourMs, DAY: dayMs, WEEK: 7 * dayMs }[interval];
  return new Date(start.getTime() + step);
}

/**
 * The periods asked for: from `from` rounded down to its UTC period, every start before `to`, and
 * the end of the last one (events are counted in whole periods).
 */
export function periodsOf(from: Date, to: Date, interval: TrendInterval, field: string) {
  parseInput(dateTimeSchema, from, `${field}.from`);
  parseInput(dateTimeSchema, to, `${field}.to`);
  if (to.getTime() <= from.getTime()) throw badInput(`${field}.to must be after from`, `${field}.to`);
  const starts: Date[] = [];
  for (let start = periodStart(from, interval); start < to; start = nextPeriod(start, interval)) {
    if (starts.length === maxPeriods[interval])
      throw badInput(
        `${field}: at most ${maxPeriods[interval]} ${interval} periods between from and to (limit periods)`,
        `${field}.to`,
      );
    starts.push(start);
  }
  return { starts, end: nextPeriod(starts.at(-1)!, interval) };
}
