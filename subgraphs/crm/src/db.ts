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
export type { Customer, Pipeline, PipelineStage, Lead, Interaction, AuditLog } from './generated/prisma/client.ts';

/** The only place that builds this subgraph's Prisma client (driver adapter, no native engine). */
export function createCrmDatabase(databaseUrl: string, pool?: DatabasePoolOptions) {
  return new PrismaClient({ adapter: createDatabaseAdapter(databaseUrl, pool) });
}

export type CrmDatabase = ReturnType<typeof createCrmDatabase>;

/**
 * Where each model keeps its tenant, for the tenant-scope extension. Every model is tenant-owned.
 * Row-level security guards the same tables in the database (prisma/crm/migrations/*_row_level_security).
 */
export const crmTenantKeys = {
  Customer: 'tenantId',
  Pipeline: 'tenantId',
  PipelineStage: 'tenantId',
  Lead: 'tenantId',
  Interaction: 'tenantId',
  AuditLog: 'tenantId',
  CrmTenantStats: 'tenantId',
  CrmLeadStats: 'tenantId',
} satisfies TenantKeys;

/** This subgraph's client narrowed to one scope; see scopeDatabase in @codex/kit. */
export const scopeCrmDatabase = (db: CrmDatabase, scope: DataScope) => scopeDatabase(db, scope, crmTenantKeys);
