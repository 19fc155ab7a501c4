import { dataScopeFor, type DataScope, type RequestContext, type SubgraphClient } from '@codex/kit';
import { scopeBillingDatabase, type BillingDatabase } from './db.ts';
import { createBillingLoaders, type BillingLoaders } from './loaders.ts';

export interface BillingContext extends RequestContext {
  /** Already narrowed to the caller's tenant (SUPERADMIN: every tenant; anonymous: nothing). */
  db: BillingDatabase;
  /** The scope `db` is narrowed to; pass it to `withScope` for multi-write transactions. */
  dataScope: DataScope;
  loaders: BillingLoaders;
  /** Asks the CRM subgraph on the caller's behalf (customer checks). */
  crm: SubgraphClient;
}

/** Scopes the database here, once per request, so no resolver or loader can forget the tenant. */
export function createBillingContext(
  base: RequestContext,
  unscoped: BillingDatabase,
  crm: SubgraphClient,
): BillingContext {
  const dataScope = dataScopeFor(base.identity);
  const db = scopeBillingDatabase(unscoped, dataScope);
  return { ...base, db, dataScope, loaders: createBillingLoaders(db, dataScope), crm };
}
