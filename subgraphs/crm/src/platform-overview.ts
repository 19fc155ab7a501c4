import { createdPerDay, withScope, type DailyCount, type DataScope } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import { summarisePlatform, type TenantCrmSummary } from './tenant-summary.ts';

/**
 * CRM figures summed across all tenants, from the stats tables (about one row per tenant and
 * stage); the stage breakdown only when `withStages` (the overview's selection asks for it).
 */
export const platformCrmSummary = (db: CrmDatabase, scope: DataScope, withStages: boolean): Promise<TenantCrmSummary> =>
  summarisePlatform(db, scope, withStages);

/** Customers created per UTC day over the last 30 days (through the index on customers.created_at). */
export const customerGrowth = (db: CrmDatabase, scope: DataScope, now = new Date()): Promise<DailyCount[]> =>
  withScope(db, scope, (tx) => createdPerDay(tx, 'customers', now));
