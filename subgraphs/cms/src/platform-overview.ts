import { dailySeries, growthWindowStart } from '@codex/kit';
import type { CmsDatabase } from './db.ts';

/** The platform overview entity as this subgraph sees it: only its key; every field is resolved. */
export interface PlatformOverviewReference {
  id: string;
}

export const platformOverview = (): PlatformOverviewReference => ({ id: 'platform' });

/**
 * Content items created per UTC day over the last 30 days, summed across the tenants the scope
 * sees, from `cms_daily_content` (kept by triggers; at most one row per tenant and day, found
 * through its index on `day`) rather than from the items themselves.
 */
export async function contentGrowth(db: CmsDatabase, now = new Date()) {
  const rows = await db.cmsDailyContent.groupBy({
    by: ['day'],
    where: { day: { gte: growthWindowStart(now) } },
    _sum: { createdItems: true },
  });
  return dailySeries(new Map(rows.map((row) => [row.day.getTime(), row._sum.createdItems ?? 0])), now);
}
