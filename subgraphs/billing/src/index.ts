export { createBillingDatabase, scopeBillingDatabase, billingTenantKeys, Prisma, type BillingDatabase } from './db.ts';
export { invoiceFigures, toCents } from './money.ts';
export { addMonths, subscriptionDates } from './periods.ts';
export { seedBillingDemo } from './seed.ts';
export { billingSubgraph } from './subgraph.ts';
export { runBillingClock, type ClockRunReport } from './clock/run.ts';
export { catchUp } from './clock/catch-up.ts';
// The pure PERCENTAGE pricing and its SQL twin, tested against each other (tests/billing-upcoming-percentage.test.ts).
export { priceCharge } from './charge-models.ts';
export { chargePropertiesSchemas } from './charge-properties.ts';
// The rollup path of window usage and the raw path it must equal (tests/billing-usage-hours.test.ts).
export { usageFigures, usageStatement, type UsageAsk } from './usage-figures.ts';
export { usageAsk } from './draft-reads.ts';
export { percentageSql, windowUsage } from './usage-aggregation.ts';
