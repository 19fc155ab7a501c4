import { createMapLoader } from '@codex/kit';
import type { BillingDatabase } from './db.ts';
import { emptyBillingSummary, summariseTenants } from './tenant-summary.ts';

/** Made per request: batching and caching never outlive the request that asked. */
export const createBillingLoaders = (db: BillingDatabase) => ({
  tenantSummary: createMapLoader((tenantIds: readonly string[]) => summariseTenants(db, tenantIds), emptyBillingSummary),
});
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
