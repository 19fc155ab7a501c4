import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export * from './generated/prisma/enums.ts';
export { Prisma } from './generated/prisma/client.ts';
export type { Tenant, User, Session, Role, UserRoleGrant, ApiKey, MachineClient, AuthEvent, PasswordResetToken, AuditLog } from './generated/prisma/client.ts';

/** The only place that builds this subgraph's Prisma client (driver adapter, no native engine). */
export function createAuthDatabase(databaseUrl: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export type AuthDatabase = ReturnType<typeof createAuthDatabase>;
