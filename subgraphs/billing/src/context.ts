import { createSubgraphContext, type RequestContext, type SubgraphClient, type SubgraphContext } from '@codex/kit';
import { scopeBillingDatabase, type BillingDatabase } from './db.ts';
import { createBillingLoaders, type BillingLoaders } from './loaders.ts';

export type BillingContext = SubgraphContext<BillingDatabase, BillingLoaders> & {
  /** Asks the CRM subgraph on the caller's behalf (customer checks). */
  crm: SubgraphClient;
};

/** The database scoped once per request (kit), plus the CRM client. */
export const createBillingContext = (base: RequestContext, db: BillingDatabase, crm: SubgraphClient): BillingContext =>
  createSubgraphContext(base, { database: db, scope: scopeBillingDatabase, loaders: createBillingLoaders }, { crm });
