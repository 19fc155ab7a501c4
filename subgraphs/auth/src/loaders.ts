import { createByIdLoader, createMapLoader } from '@codex/kit';
import type { AuthDatabase } from './db.ts';
import { emptyUsersSummary, summariseTenantUsers } from './user-summary.ts';
import { attemptsOfDeliveries } from './webhooks/deliveries.ts';

/** Made per request over the request's scoped database: batching and caching never outlive it. */
export const createAuthLoaders = (db: AuthDatabase) => ({
  tenantById: createByIdLoader((ids) => db.tenant.findMany({ where: { id: { in: ids } } })),
  userById: createByIdLoader((ids) => db.user.findMany({ where: { id: { in: ids } } })),
  usersSummary: createMapLoader(
    (tenantIds: readonly string[]) => summariseTenantUsers(db, tenantIds),
    emptyUsersSummary,
  ),
  webhookAttempts: createMapLoader(
    (deliveryIds: readonly string[]) => attemptsOfDeliveries(db, deliveryIds),
    () => [],
  ),
});
export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
