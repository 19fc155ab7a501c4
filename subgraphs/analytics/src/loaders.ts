import { createMapLoader } from '@codex/kit';
import type { AnalyticsDatabase } from './db.ts';
import { emptyAnalyticsSummary, summariseTenants } from './tenant-summary.ts';

/** Made per request: batching and caching never outlive the request that asked. */
export const createAnalyticsLoaders = (db: AnalyticsDatabase) => ({
  tenantSummary: createMapLoader((tenantIds: readonly string[]) => summariseTenants(db, tenantIds), emptyAnalyticsSummary),
});
export type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;
