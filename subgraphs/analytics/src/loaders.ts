import { byIdLoaders, createMapLoader, oncePerKey, type DataScope } from '@codex/kit';
import { createRecentEventsLoader } from './customer-events.ts';
import type { AnalyticsDatabase } from './db.ts';
import { emptyAnalyticsSummary, summariseTenants } from './tenant-summary.ts';

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export const createAnalyticsLoaders = (db: AnalyticsDatabase, scope: DataScope) => ({
  tenantSummary: createMapLoader(
    (tenantIds: readonly string[]) => summariseTenants(db, scope, tenantIds),
    emptyAnalyticsSummary,
  ),
  ...byIdLoaders({ eventById: db.event, dashboardById: db.dashboard }),
  /** Customers' newest events, one loader per `first` (a query batches the customers that ask for the same number). */
  recentEvents: oncePerKey((limit: number) => createRecentEventsLoader(db, scope, limit)),
});
export type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;
