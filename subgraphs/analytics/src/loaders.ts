import { createByIdLoader, createMapLoader, type DataScope } from '@codex/kit';
import type DataLoader from 'dataloader';
import { createRecentEventsLoader } from './customer-events.ts';
import type { AnalyticsDatabase, Event } from './db.ts';
import { emptyAnalyticsSummary, summariseTenants } from './tenant-summary.ts';

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export function createAnalyticsLoaders(db: AnalyticsDatabase, scope: DataScope) {
  const recentEventsByLimit = new Map<number, DataLoader<string, Event[]>>();
  return {
    tenantSummary: createMapLoader(
      (tenantIds: readonly string[]) => summariseTenants(db, scope, tenantIds),
      emptyAnalyticsSummary,
    ),
    eventById: createByIdLoader((ids) => db.event.findMany({ where: { id: { in: ids } } })),
    dashboardById: createByIdLoader((ids) => db.dashboard.findMany({ where: { id: { in: ids } } })),
    /** Customers' newest events, one loader per `first` (a query batches the customers that ask for the same number). */
    recentEvents(limit: number): DataLoader<string, Event[]> {
      const existing = recentEventsByLimit.get(limit);
      if (existing) return existing;
      const created = createRecentEventsLoader(db, scope, limit);
      recentEventsByLimit.set(limit, created);
      return created;
    },
  };
}
export type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;
