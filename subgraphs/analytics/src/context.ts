import { createSubgraphContext, type RequestContext, type SubgraphContext } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders.ts';

/** The request with the database already narrowed to the caller's tenant (SUPERADMIN: every tenant). */
export type AnalyticsContext = SubgraphContext<AnalyticsDatabase, AnalyticsLoaders>;

export const createAnalyticsContext = (base: RequestContext, db: AnalyticsDatabase): AnalyticsContext =>
  createSubgraphContext(base, { database: db, scope: scopeAnalyticsDatabase, loaders: createAnalyticsLoaders });
