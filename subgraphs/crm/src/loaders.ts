import { createMapLoader } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import { emptyCrmSummary, summariseTenants } from './tenant-summary.ts';

/** Made per request: batching and caching never outlive the request that asked. */
export const createCrmLoaders = (db: CrmDatabase) => ({
  tenantSummary: createMapLoader((tenantIds: readonly string[]) => summariseTenants(db, tenantIds), emptyCrmSummary),
});
export type CrmLoaders = ReturnType<typeof createCrmLoaders>;
