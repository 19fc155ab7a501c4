import { createMapLoader } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { findTenants } from './tenants.ts';
import { emptyUsersSummary, summariseTenantUsers } from './user-summary.ts';

/** Made per request: batching and caching never outlive the request that asked. */
export const createAuthLoaders = (db: AuthDatabase) => ({
  tenantById: createMapLoader((ids: readonly string[]) => findTenants(db, ids), () => null),
  usersSummary: createMapLoader((tenantIds: readonly string[]) => summariseTenantUsers(db, tenantIds), emptyUsersSummary),
});
export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
