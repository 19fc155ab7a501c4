import {
  createDatabaseAdapter,
  type DatabasePoolOptions,
  scopeDatabase,
  type DataScope,
  type TenantKeys,
} from '@codex/kit';
import { PrismaClient } from './generated/prisma/client.ts';

export * from './generated/prisma/enums.ts';
export { Prisma } from './generated/prisma/client.ts';
export type { Event, EventIdempotencyKey, MetricRollup, Dashboard, AuditLog } from './generated/prisma/client.ts';

/** The only place that builds this subgraph's Prisma client (driver adapter, no native engine). */
export function createAnalyticsDatabase(databaseUrl: string, pool?: DatabasePoolOptions) {
  return new PrismaClient({ adapter: createDatabaseAdapter(databaseUrl, pool) });
}

export type AnalyticsDatabase = ReturnType<typeof createAnalyticsDatabase>;

/**
 * Where each model keeps its tenant, for the tenant-scope extension. Every model is tenant-owned.
 * Row-level security guards the same tables in the database (prisma/analytics/migrations/*_row_level_security,
 * *_idempotency_keys_rls_and_rollup_backfill, *_tenant_event_stats_rls_and_rebuild).
 */
export const analyticsTenantKeys = {
  Event: 'tenantId',
  EventIdempotencyKey: 'tenantId',
  MetricRollup: 'tenantId',
  TenantEventStats: 'tenantId',
  TenantActiveUser: 'tenantId',
  Dashboard: 'tenantId',
  AuditLog: 'tenantId',
} satisfies TenantKeys;

/** This subgraph's client narrowed to one scope; see scopeDatabase in @codex/kit. */
export const scopeAnalyticsDatabase = (db: AnalyticsDatabase, scope: DataScope) =>
  scopeDatabase(db, scope, analyticsTenantKeys);
