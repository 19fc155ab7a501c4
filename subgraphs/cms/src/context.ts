import { createSubgraphContext, type RequestContext, type SubgraphContext } from '@codex/kit';
import { scopeCmsDatabase, type CmsDatabase } from './db.ts';
import { createCmsLoaders, type CmsLoaders } from './loaders.ts';
import type { MediaStorage } from './media-storage.ts';

/** What CMS resolvers need besides the database and loaders. */
export interface CmsExtra {
  /** Where media bytes live (the rows say which key; the scoped database says whose). */
  storage: MediaStorage;
}

/** The request with the database already narrowed to the caller's tenant (SUPERADMIN: every tenant). */
export type CmsContext = SubgraphContext<CmsDatabase, CmsLoaders> & CmsExtra;

export const createCmsContext = (base: RequestContext, db: CmsDatabase, extra: CmsExtra): CmsContext =>
  createSubgraphContext(base, { database: db, scope: scopeCmsDatabase, loaders: createCmsLoaders }, extra);
