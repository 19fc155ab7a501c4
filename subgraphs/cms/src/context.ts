import { dataScopeFor, type DataScope, type RequestContext } from '@codex/kit';
import { scopeCmsDatabase, type CmsDatabase } from './db.ts';
import { createCmsLoaders, type CmsLoaders } from './loaders.ts';
import type { MediaStorage } from './media-storage.ts';

export interface CmsContext extends RequestContext {
  /** Already narrowed to the caller's tenant (SUPERADMIN: every tenant; anonymous: nothing). */
  db: CmsDatabase;
  /** The scope `db` is narrowed to; pass it to `withScope` for multi-write transactions. */
  dataScope: DataScope;
  loaders: CmsLoaders;
  /** Where media bytes live (the rows say which key; the scoped database says whose). */
  storage: MediaStorage;
}

/** Scopes the database here, once per request, so no resolver or loader can forget the tenant. */
export function createCmsContext(base: RequestContext, unscoped: CmsDatabase, storage: MediaStorage): CmsContext {
  const dataScope = dataScopeFor(base.identity);
  const db = scopeCmsDatabase(unscoped, dataScope);
  return { ...base, db, dataScope, loaders: createCmsLoaders(db, dataScope), storage };
}
