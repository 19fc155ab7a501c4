export { createAnalyticsDatabase, scopeAnalyticsDatabase, analyticsTenantKeys, type AnalyticsDatabase } from './db.ts';
export { seedAnalyticsDemo } from './seed.ts';
export { analyticsSubgraph } from './subgraph.ts';
