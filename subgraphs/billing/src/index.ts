export { createBillingDatabase, scopeBillingDatabase, billingTenantKeys, type BillingDatabase } from './db.ts';
export { seedBillingDemo } from './seed.ts';
export { billingSubgraph } from './subgraph.ts';
