import { dailySeries, growthWindowStart, withScope, type DailyCount, type DataScope } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import { summarisePlatform, type TenantCrmSummary } from './tenant-summary.ts';

/** CRM figures summed across all tenants, from the stats tables (about one row per tenant and stage). */
export const platformCrmSummary = (db: CrmDatabase, scope: DataScope): Promise<TenantCrmSummary> => summarisePlatform(db, scope);

/**
 * Customers created per UTC day over the last 30 days, counted in the database per day through the
 * index on customers.created_at: a range of recent rows, never the whole table.
 */
export async function customerGrowth(db: CrmDatabase, scope: DataScope, now = new Date()): Promise<DailyCount[]> {
  const rows = await withScope(db, scope, (tx) =>
    tx.$queryRawUnsafe<{ day: Date; count: number }[]>(
      `SELECT date_trunc('day', created_at, 'UTC') AS day, count(*)::int AS count
       FROM customers WHERE created_at >= $1 GROUP BY 1`,
      growthWindowStart(now),
    ),
  );
  return dailySeries(new Map(rows.map((row) => [row.day.getTime(), row.count])), now);
}
