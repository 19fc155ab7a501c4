import { createMapLoader, withScope, type DataScope } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { findTenants } from './tenants.ts';
import { emptyUsersSummary, summariseTenantUsers } from './user-summary.ts';
import { findUsers } from './users.ts';

/**
 * Made per request over the request's scoped database: batching and caching never outlive it.
 * Each batch runs in `withScope`'s interactive transaction rather than the scoped client's batch
 * transaction, whose query Prisma compiles anew on every call (about 1 ms more a read, measured):
 * these loaders are on the path of every tenant summary and every Tenant and User reference.
 */
export const createAuthLoaders = (db: AuthDatabase, scope: DataScope) => ({
  tenantById: createMapLoader((ids: readonly string[]) => withScope(db, scope, (tx) => findTenants(tx, ids)), () => null),
  userById: createMapLoader((ids: readonly string[]) => withScope(db, scope, (tx) => findUsers(tx, ids)), () => null),
  usersSummary: createMapLoader((tenantIds: readonly string[]) => withScope(db, scope, (tx) => summariseTenantUsers(tx, tenantIds)), emptyUsersSummary),
});
export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
