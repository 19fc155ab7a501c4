import { allTenants, withReadScope } from '@codex/kit';
import type { BillingDatabase } from '../db.ts';
import type { DueItem } from './work.ts';

/** Which rows a run looks at: all tenants (the service's clock), or one (tests, an operator's backfill of one tenant). */
export interface DueFilter {
  tenantId?: string | null;
}

/**
 * Subscriptions whose trial or period ended by $1, or whose first period (started by $1) waits for
 * its invoice, and that the clock still moves (see schedule.ts).
 */
const dueSubscriptions = `
  FROM subscriptions WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')
    AND (CASE WHEN status = 'TRIALING' THEN trial_end ELSE current_period_end END <= $1
         OR (first_invoice_due AND current_period_start <= $1))`;

/** OPEN invoices of a subscription, past due by $1, whose dunning has not reached its final action. */
const overdueInvoices = `
  FROM invoices i WHERE i.status = 'OPEN' AND i.due_date < $1 AND i.subscription_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM dunning_reminders d WHERE d.invoice_id = i.id AND d.step = 0)`;

export type DueKind = 'subscriptions' | 'invoices';
const dueRows: Record<DueKind, string> = { subscriptions: dueSubscriptions, invoices: overdueInvoices };

const beforeEveryId = '00000000-0000-0000-0000-000000000000';

/** The tenants with due rows, the most first: their lanes start first, so the longest does not start last. */
export async function dueTenants(db: BillingDatabase, kind: DueKind, asOf: Date, filter: DueFilter) {
  const sql = `SELECT tenant_id::text AS "tenantId" ${dueRows[kind]}
    AND ($2::uuid IS NULL OR tenant_id = $2::uuid) GROUP BY tenant_id ORDER BY count(*) DESC`;
  const rows = await withReadScope(db, allTenants, (tx) =>
    tx.$queryRawUnsafe<{ tenantId: string }[]>(sql, asOf, filter.tenantId ?? null),
  );
  return rows.map((row) => row.tenantId);
}

/**
 * One tenant's due rows in pages of `batchSize`, in id order (keyset: a page starts where the last
 * ended, so rows changed meanwhile are never read twice); the tenant-first indexes serve it.
 */
export async function* tenantPages(
  db: BillingDatabase,
  kind: DueKind,
  asOf: Date,
  tenantId: string,
  batchSize: number,
): AsyncGenerator<DueItem[]> {
  const sql = `SELECT id::text AS id, tenant_id::text AS "tenantId" ${dueRows[kind]}
    AND tenant_id = $2::uuid AND id > $3::uuid ORDER BY id LIMIT $4`;
  let after = beforeEveryId;
  for (;;) {
    const page = await withReadScope(db, allTenants, (tx) =>
      tx.$queryRawUnsafe<DueItem[]>(sql, asOf, tenantId, after, batchSize),
    );
    if (page.length > 0) yield page;
    if (page.length < batchSize) return;
    after = page.at(-1)!.id;
  }
}
