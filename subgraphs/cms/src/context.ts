import type { RequestContext } from '@codex/kit';
import type { CmsDatabase } from './db.ts';
import { createCmsLoaders, type CmsLoaders } from './loaders.ts';

export interface CmsContext extends RequestContext {
  db: CmsDatabase;
  loaders: CmsLoaders;
}

export const createCmsContext = (base: RequestContext, db: CmsDatabase): CmsContext => ({
  ...base,
  db,
  loaders: createCmsLoaders(db),
});
