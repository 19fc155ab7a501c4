import { createSubgraphContext, type RequestContext, type SubgraphClient, type SubgraphContext } from '@codex/kit';
import type { Clock } from '@codex/kit/job-queue';
import { scopeBillingDatabase, type BillingDatabase } from './db.ts';
import { createBillingLoaders, type BillingLoaders } from './loaders.ts';

export type BillingContext = SubgraphContext<BillingDatabase, BillingLoaders> & {
  /** Asks the CRM subgraph on the caller's behalf (customer checks). */
  crm: SubgraphClient;
  /** The service's one clock: every "now" of billing (the billing clock's jobs read the same). */
  clock: Clock;
};

/** The database scoped once per request (kit), plus the CRM client and the clock. */
export const createBillingContext = (
  base: RequestContext,
  db: BillingDatabase,
  crm: SubgraphClient,
  clock: Clock,
): BillingContext =>
  createSubgraphContext(
    base,
    { database: db, scope: scopeBillingDatabase, loaders: createBillingLoaders },
    { crm, clock },
  );
