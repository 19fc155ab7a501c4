import { defineDatabase } from '@codex/kit';
import { PrismaClient } from './generated/prisma/client.ts';
import { tenantKeys } from './generated/tenant-keys.ts';

export * from './generated/prisma/enums.ts';
export { Prisma } from './generated/prisma/client.ts';
/** The model types (`Customer`, `Plan`, …) for domain code and the codegen mappers. */
export type * from './generated/prisma/client.ts';

/** Where each model keeps its tenant: generated from the Prisma schema (every model with a `tenantId`). */
export const billingTenantKeys = tenantKeys;

/** This subgraph's client factory and its scope function; see defineDatabase in @codex/kit. */
export const { create: createBillingDatabase, scope: scopeBillingDatabase } = defineDatabase(PrismaClient, tenantKeys);

export type BillingDatabase = ReturnType<typeof createBillingDatabase>;
