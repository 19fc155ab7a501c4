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
  Tenant,
  User,
  Session,
  Role,
  UserRoleGrant,
  ApiKey,
  MachineClient,
  AuthEvent,
  PasswordResetToken,
  AuditLog,
  SigningKey,
} from './generated/prisma/client.ts';

/** The only place that builds this subgraph's Prisma client (driver adapter, no native engine). */
export function createAuthDatabase(databaseUrl: string, pool?: DatabasePoolOptions) {
  return new PrismaClient({ adapter: createDatabaseAdapter(databaseUrl, pool) });
}

export type AuthDatabase = ReturnType<typeof createAuthDatabase>;

/**
 * Where each model keeps its tenant, for the tenant-scope extension. Every model is tenant-owned; `Tenant` by its id (the id is the tenant).
 * Row-level security guards the same tables in the database (prisma/auth/migrations/*_row_level_security).
 */
export const authTenantKeys = {
  Tenant: 'id',
  User: 'tenantId',
  Session: 'tenantId',
  Role: 'tenantId',
  UserRoleGrant: 'tenantId',
  ApiKey: 'tenantId',
  MachineClient: 'tenantId',
  AuthEvent: 'tenantId',
  PasswordResetToken: 'tenantId',
  AuditLog: 'tenantId',
} satisfies TenantKeys;

/** This subgraph's client narrowed to one scope; see scopeDatabase in @codex/kit. */
export const scopeAuthDatabase = (db: AuthDatabase, scope: DataScope) => scopeDatabase(db, scope, authTenantKeys);
