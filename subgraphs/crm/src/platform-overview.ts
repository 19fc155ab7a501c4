import { createdPerDay, withScope, type DailyCount, type DataScope } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import { summarisePlatform, type TenantCrmSummary } from './tenant-summary.ts';

/** CRM figures summed across all tenants, from the stats tables (about one row per tenant and stage). */
export const platformCrmSummary = (db: CrmDatabase, scope: DataScope): Promise<TenantCrmSummary> =>
  summarisePlatform(db, scope);

/** Customers created per UTC day over the last 30 days (through the index on customers.created_at). */
export const customerGrowth = (db: CrmDatabase, scope: DataScope, now = new Date()): Promise<DailyCount[]> =>
  withScope(db, scope, (tx) => createdPerDay(tx, 'customers', now));
