import { createByIdLoader, createMapLoader } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { findTenants } from './tenants.ts';
import { emptyUsersSummary, summariseTenantUsers } from './user-summary.ts';
import { findUsers } from './users.ts';

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export const createAuthLoaders = (db: AuthDatabase) => ({
  tenantById: createByIdLoader((ids) => findTenants(db, ids)),
  userById: createByIdLoader((ids) => findUsers(db, ids)),
  usersSummary: createMapLoader(
    (tenantIds: readonly string[]) => summariseTenantUsers(db, tenantIds),
    emptyUsersSummary,
  ),
});
export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
