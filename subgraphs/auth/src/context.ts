import { dataScopeFor, type DataScope, type RequestContext } from '@codex/kit';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';
import { createAuthLoaders, type AuthLoaders } from './loaders.ts';

export interface AuthContext extends RequestContext {
  /** Already narrowed to the caller's tenant (SUPERADMIN: every tenant; anonymous: nothing). */
  db: AuthDatabase;
  /** The scope `db` is narrowed to; pass it to `withScope` for multi-write transactions. */
  dataScope: DataScope;
  loaders: AuthLoaders;
}

/** Scopes the database here, once per request, so no resolver or loader can forget the tenant. */
export function createAuthContext(base: RequestContext, unscoped: AuthDatabase): AuthContext {
  const dataScope = dataScopeFor(base.identity);
  const db = scopeAuthDatabase(unscoped, dataScope);
  return { ...base, db, dataScope, loaders: createAuthLoaders(db) };
}
