import { createSubgraphContext, type RequestContext, type SubgraphContext } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import type { Enrich } from './ingest/enrichment.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders.ts';

/**
 * The request with the database already narrowed to the caller's tenant (SUPERADMIN: every tenant),
 * and the service's event enrichment (one GeoIP reader for the process).
 */
export type AnalyticsContext = SubgraphContext<AnalyticsDatabase, AnalyticsLoaders> & {
  enrich: Enrich;
  /**
   * The database narrowed to the tenant a dashboard share token names: `sharedDashboard` alone
   * uses it, after which only that token's dashboard is read (the caller has no identity).
   */
  sharedDashboardDatabase: (tenantId: string) => AnalyticsDatabase;
};

export const createAnalyticsContext = (base: RequestContext, db: AnalyticsDatabase, enrich: Enrich): AnalyticsContext =>
  createSubgraphContext(
    base,
    { database: db, scope: scopeAnalyticsDatabase, loaders: createAnalyticsLoaders },
    {
      enrich,
      sharedDashboardDatabase: (tenantId: string) => scopeAnalyticsDatabase(db, { kind: 'tenant', tenantId }),
    },
  );
