import { createMapLoader } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { findTenants } from './tenants.ts';
import { emptyUsersSummary, summariseTenantUsers } from './user-summary.ts';
import { findUsers } from './users.ts';

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export const createAuthLoaders = (db: AuthDatabase) => ({
  tenantById: createMapLoader(
    (ids: readonly string[]) => findTenants(db, ids),
    () => null,
  ),
  userById: createMapLoader(
    (ids: readonly string[]) => findUsers(db, ids),
    () => null,
  ),
  usersSummary: createMapLoader(
    (tenantIds: readonly string[]) => summariseTenantUsers(db, tenantIds),
    emptyUsersSummary,
  ),
});
export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
