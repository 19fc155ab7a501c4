import { createMapLoader } from '@codex/kit';
import type { CmsDatabase } from './db.ts';
import { emptyCmsSummary, summariseTenants } from './tenant-summary.ts';

/** Made per request: batching and caching never outlive the request that asked. */
export const createCmsLoaders = (db: CmsDatabase) => ({
  tenantSummary: createMapLoader((tenantIds: readonly string[]) => summariseTenants(db, tenantIds), emptyCmsSummary),
});
export type CmsLoaders = ReturnType<typeof createCmsLoaders>;
