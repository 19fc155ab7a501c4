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
export type {
  ContentType,
  ContentItem,
  ContentRevision,
  MediaFile,
  Page,
  AuditLog,
  CmsTenantStats,
  CmsDailyContent,
} from './generated/prisma/client.ts';

/** The only place that builds this subgraph's Prisma client (driver adapter, no native engine). */
export function createCmsDatabase(databaseUrl: string, pool?: DatabasePoolOptions) {
  return new PrismaClient({ adapter: createDatabaseAdapter(databaseUrl, pool) });
}

export type CmsDatabase = ReturnType<typeof createCmsDatabase>;

/**
 * Where each model keeps its tenant, for the tenant-scope extension. Every model is tenant-owned.
 * Row-level security guards the same tables in the database (prisma/cms/migrations/*_row_level_security).
 */
export const cmsTenantKeys = {
  ContentType: 'tenantId',
  ContentItem: 'tenantId',
  ContentRevision: 'tenantId',
  MediaFile: 'tenantId',
  Page: 'tenantId',
  AuditLog: 'tenantId',
  CmsTenantStats: 'tenantId',
  CmsDailyContent: 'tenantId',
} satisfies TenantKeys;

/** This subgraph's client narrowed to one scope; see scopeDatabase in @codex/kit. */
export const scopeCmsDatabase = (db: CmsDatabase, scope: DataScope) => scopeDatabase(db, scope, cmsTenantKeys);
