import type { RequestContext } from '@codex/kit';
import type { BillingDatabase } from './db.ts';
import { createBillingLoaders, type BillingLoaders } from './loaders.ts';

export interface BillingContext extends RequestContext {
  db: BillingDatabase;
  loaders: BillingLoaders;
}

export const createBillingContext = (base: RequestContext, db: BillingDatabase): BillingContext => ({
  ...base,
  db,
  loaders: createBillingLoaders(db),
});
