import { dataScopeFor, type DataScope, type RequestContext } from '@codex/kit';
import { scopeCrmDatabase, type CrmDatabase } from './db.ts';
import { createCrmLoaders, type CrmLoaders } from './loaders.ts';

export interface CrmContext extends RequestContext {
  /** Already narrowed to the caller's tenant (SUPERADMIN: every tenant; anonymous: nothing). */
  db: CrmDatabase;
  /** The scope `db` is narrowed to; pass it to `withScope` for multi-write transactions. */
  dataScope: DataScope;
  loaders: CrmLoaders;
}

/** Scopes the database here, once per request, so no resolver or loader can forget the tenant. */
export function createCrmContext(base: RequestContext, unscoped: CrmDatabase): CrmContext {
  const dataScope = dataScopeFor(base.identity);
  const db = scopeCrmDatabase(unscoped, dataScope);
  return { ...base, db, dataScope, loaders: createCrmLoaders(db, dataScope) };
}
