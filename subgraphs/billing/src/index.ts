export { createBillingDatabase, scopeBillingDatabase, billingTenantKeys, type BillingDatabase } from './db.ts';
export { invoiceFigures, toCents } from './money.ts';
export { addMonths, subscriptionDates } from './periods.ts';
export { seedBillingDemo } from './seed.ts';
export { billingSubgraph } from './subgraph.ts';
export { runBillingClock, type ClockRunReport } from './clock/run.ts';
export { catchUp } from './clock/catch-up.ts';
