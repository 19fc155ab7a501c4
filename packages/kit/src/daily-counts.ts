import { dayMs } from './scalars.ts';

/** A count for one UTC day (growth series). */
export interface DailyCount {
  day: Date;
  count: number;
}

const startOfUtcDay = (time: number) => time - (time % dayMs);

/** The first instant of the `days`-day window that ends today (UTC), today included. */
export const growthWindowStart = (now: Date, days = 30) => new Date(startOfUtcDay(now.getTime()) - (days - 1) * dayMs);

/**
 * Every UTC day of the window, oldest first, with the count found for it or 0: a series a chart
 * can draw without guessing missing days. `found` is keyed by the day's first instant.
 */
export function dailySeries(found: ReadonlyMap<number, number>, now: Date, days = 30): DailyCount[] {
  const first = growthWindowStart(now, days).getTime();
  return Array.from({ length: days }, (_, i) => {
    const day = first + i * dayMs;
    return { day: new Date(day), count: found.get(day) ?? 0 };
  });
}

/** What `createdPerDay` needs of a (scoped) Prisma client or transaction. */
interface RawReader {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * Rows of `table` created per UTC day over the window ending today, as `dailySeries`: counted in
 * the database through the table's index on `created_at` (a range of recent rows, never the whole
 * table). `table` is an identifier from the code, never from a request.
 */
export async function createdPerDay(
  reader: RawReader,
  table: string,
  now = new Date(),
  days = 30,
): Promise<DailyCount[]> {
  const rows = await reader.$queryRawUnsafe<{ day: Date; count: number }[]>(
    `SELECT date_trunc('day', created_at, 'UTC') AS day, count(*)::int AS count FROM "${table}" WHERE created_at >= $1 GROUP BY 1`,
    growthWindowStart(now, days),
  );
  return dailySeries(new Map(rows.map((row) => [row.day.getTime(), row.count])), now, days);
}
