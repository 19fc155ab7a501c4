import type { RequestContext } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import { createCrmLoaders, type CrmLoaders } from './loaders.ts';

export interface CrmContext extends RequestContext {
  db: CrmDatabase;
  loaders: CrmLoaders;
}

export const createCrmContext = (base: RequestContext, db: CrmDatabase): CrmContext => ({
  ...base,
  db,
  loaders: createCrmLoaders(db),
});
