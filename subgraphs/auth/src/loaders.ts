import { createByIdLoader, createMapLoader, type DataScope } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { createOverviewReader } from './platform-overview.ts';
import { emptyUsersSummary, readTenantsWithUsers, summariseTenantUsers } from './user-summary.ts';
import { attemptsOfDeliveries } from './webhooks/deliveries.ts';

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export function createAuthLoaders(db: AuthDatabase, scope: DataScope) {
  const usersSummary = createMapLoader(
    (tenantIds: readonly string[]) => summariseTenantUsers(db, scope, tenantIds),
    emptyUsersSummary,
  );
  // A tenant read by id brings its user figures in the same statement: a tenant's figures (CDX)
  // ask for both, and a separate read of a few users' counts would cost a session of its own.
  const tenantById = createByIdLoader(async (ids) => {
    const rows = await readTenantsWithUsers(db, scope, ids);
    for (const { tenant, users } of rows) usersSummary.prime(tenant.id, users);
    return rows.map((row) => row.tenant);
  });
  return {
    tenantById,
    userById: createByIdLoader((ids) => db.user.findMany({ where: { id: { in: ids } } })),
    usersSummary,
    overviewPart: createOverviewReader(db, scope),
    webhookAttempts: createMapLoader(
      (deliveryIds: readonly string[]) => attemptsOfDeliveries(db, deliveryIds),
      () => [],
    ),
  };
}
export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
