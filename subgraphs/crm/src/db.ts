import { defineDatabase } from '@codex/kit';
import { PrismaClient } from './generated/prisma/client.ts';
import { tenantKeys } from './generated/tenant-keys.ts';

export * from './generated/prisma/enums.ts';
export { Prisma } from './generated/prisma/client.ts';
/** The model types (`Customer`, `Plan`, …) for domain code and the codegen mappers. */
export type * from './generated/prisma/client.ts';

/** Where each model keeps its tenant: generated from the Prisma schema (every model with a `tenantId`). */
export const crmTenantKeys = tenantKeys;

/** This subgraph's client factory and its scope function; see defineDatabase in @codex/kit. */
export const { create: createCrmDatabase, scope: scopeCrmDatabase } = defineDatabase(PrismaClient, tenantKeys);

export type CrmDatabase = ReturnType<typeof createCrmDatabase>;
