import { createSubgraphContext, type RequestContext, type SubgraphContext } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import type { Enrich } from './ingest/enrichment.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders.ts';

/**
 * The request with the database already narrowed to the caller's tenant (SUPERADMIN: every tenant),
 * and the service's event enrichment (one GeoIP reader for the process).
 */
export type AnalyticsContext = SubgraphContext<AnalyticsDatabase, AnalyticsLoaders> & { enrich: Enrich };

export const createAnalyticsContext = (base: RequestContext, db: AnalyticsDatabase, enrich: Enrich): AnalyticsContext =>
  createSubgraphContext(
    base,
    { database: db, scope: scopeAnalyticsDatabase, loaders: createAnalyticsLoaders },
    { enrich },
  );
