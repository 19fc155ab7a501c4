import { createSubgraphContext, type RequestContext, type SubgraphContext } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders.ts';

/** The request with the database already narrowed to the caller's tenant (SUPERADMIN: every tenant). */
export type AnalyticsContext = SubgraphContext<AnalyticsDatabase, AnalyticsLoaders> & {
  /**
   * The database narrowed to the tenant a dashboard share token names: `sharedDashboard` alone
   * uses it, after which only that token's dashboard is read (the caller has no identity).
   */
  sharedDashboardDatabase: (tenantId: string) => AnalyticsDatabase;
};

export const createAnalyticsContext = (base: RequestContext, db: AnalyticsDatabase): AnalyticsContext =>
  createSubgraphContext(
    base,
    { database: db, scope: scopeAnalyticsDatabase, loaders: createAnalyticsLoaders },
    { sharedDashboardDatabase: (tenantId: string) => scopeAnalyticsDatabase(db, { kind: 'tenant', tenantId }) },
  );
