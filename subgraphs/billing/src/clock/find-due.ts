import { allTenants, withReadScope } from '@codex/kit';
import type { BillingDatabase } from '../db.ts';
import type { DueItem } from './work.ts';

/** Which rows a run looks at: all tenants (the service's clock), or one (tests, an operator's backfill of one tenant). */
export interface DueFilter {
  tenantId?: string | null;
}

/** Subscriptions whose trial or period ended by $1 and that the clock still moves (see schedule.ts). */
const dueSubscriptionsSql = `
  SELECT id::text AS id, tenant_id::text AS "tenantId" FROM subscriptions
  WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')
    AND CASE WHEN status = 'TRIALING' THEN trial_end ELSE current_period_end END <= $1
    AND id > $2::uuid AND ($3::uuid IS NULL OR tenant_id = $3::uuid)
  ORDER BY id LIMIT $4`;

/** OPEN invoices of a subscription, past due by $1, whose dunning has not reached its final action. */
const overdueInvoicesSql = `
  SELECT i.id::text AS id, i.tenant_id::text AS "tenantId" FROM invoices i
  WHERE i.status = 'OPEN' AND i.due_date < $1 AND i.subscription_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM dunning_reminders d WHERE d.invoice_id = i.id AND d.step = 0)
    AND i.id > $2::uuid AND ($3::uuid IS NULL OR i.tenant_id = $3::uuid)
  ORDER BY i.id LIMIT $4`;

const beforeEveryId = '00000000-0000-0000-0000-000000000000';

/**
 * The due rows in pages of `batchSize`, in id order (keyset: the primary key serves every page,
 * and a page starts where the last ended, so rows changed meanwhile are never read twice).
 */
async function* pages(db: BillingDatabase, sql: string, asOf: Date, filter: DueFilter, batchSize: number) {
  let after = beforeEveryId;
  for (;;) {
    const page = await withReadScope(db, allTenants, (tx) =>
      tx.$queryRawUnsafe<DueItem[]>(sql, asOf, after, filter.tenantId ?? null, batchSize),
    );
    if (page.length > 0) yield page;
    if (page.length < batchSize) return;
    after = page.at(-1)!.id;
  }
}

export const dueSubscriptions = (db: BillingDatabase, asOf: Date, filter: DueFilter, batchSize: number) =>
  pages(db, dueSubscriptionsSql, asOf, filter, batchSize);

export const overdueInvoices = (db: BillingDatabase, asOf: Date, filter: DueFilter, batchSize: number) =>
  pages(db, overdueInvoicesSql, asOf, filter, batchSize);
