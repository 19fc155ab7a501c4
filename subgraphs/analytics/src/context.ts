import { dataScopeFor, type DataScope, type RequestContext } from '@codex/kit';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from './db.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders.ts';

export interface AnalyticsContext extends RequestContext {
  /** Already narrowed to the caller's tenant (SUPERADMIN: every tenant; anonymous: nothing). */
  db: AnalyticsDatabase;
  /** The scope `db` is narrowed to; pass it to `withScope` for multi-write transactions. */
  dataScope: DataScope;
  loaders: AnalyticsLoaders;
}

/** Scopes the database here, once per request, so no resolver or loader can forget the tenant. */
export function createAnalyticsContext(base: RequestContext, unscoped: AnalyticsDatabase): AnalyticsContext {
  const dataScope = dataScopeFor(base.identity);
  const db = scopeAnalyticsDatabase(unscoped, dataScope);
  return { ...base, db, dataScope, loaders: createAnalyticsLoaders(db, dataScope) };
}
