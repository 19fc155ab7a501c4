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
  Plan,
  Subscription,
  Invoice,
  InvoiceLineItem,
  UsageRecord,
  InvoiceNumberCounter,
  AuditLog,
} from './generated/prisma/client.ts';

/** The only place that builds this subgraph's Prisma client (driver adapter, no native engine). */
export function createBillingDatabase(databaseUrl: string, pool?: DatabasePoolOptions) {
  return new PrismaClient({ adapter: createDatabaseAdapter(databaseUrl, pool) });
}

export type BillingDatabase = ReturnType<typeof createBillingDatabase>;

/**
 * Where each model keeps its tenant, for the tenant-scope extension. Every model is tenant-owned.
 * Row-level security guards the same tables in the database (prisma/billing/migrations/*_row_level_security).
 */
export const billingTenantKeys = {
  Plan: 'tenantId',
  Subscription: 'tenantId',
  Invoice: 'tenantId',
  InvoiceLineItem: 'tenantId',
  UsageRecord: 'tenantId',
  InvoiceNumberCounter: 'tenantId',
  AuditLog: 'tenantId',
  BillingTenantStats: 'tenantId',
  BillingTenantMrr: 'tenantId',
  BillingTenantRevenue: 'tenantId',
  BillingTenantRevenueTotal: 'tenantId',
} satisfies TenantKeys;

/** This subgraph's client narrowed to one scope; see scopeDatabase in @codex/kit. */
export const scopeBillingDatabase = (db: BillingDatabase, scope: DataScope) =>
  scopeDatabase(db, scope, billingTenantKeys);
