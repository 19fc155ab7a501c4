import { allTenants, withReadScope } from '@codex/kit';
import type { BillingDatabase } from '../db.ts';
import type { DueItem } from './work.ts';

/** Which rows a run looks at: all tenants (the service's clock), or one (tests, an operator's backfill of one tenant). */
export interface DueFilter {
  tenantId?: string | null;
}

/**
 * Subscriptions whose trial or period ended by $1, or whose first period (started by $1) waits for
 * its invoice, and that the clock still moves (schedule.ts `subscriptionStepDue`, the same rule).
 * Written as three arms of "status and boundary" so that each arm is a range of a partial index
 * (migration `clock_due_indexes`): an idle tick reads index entries up to now, not every row. Only
 * the boundary comparison is an index condition (timestamptz `<=` is leakproof; the enum test is
 * not, so under row-level security it stays a filter, and the partial index's WHERE holds it).
 */
const dueSubscriptions = `
  FROM subscriptions r WHERE (
    (r.status = 'TRIALING' AND r.trial_end <= $1)
    OR (r.status IN ('ACTIVE', 'PAST_DUE') AND r.current_period_end <= $1)
    OR (r.first_invoice_due AND r.status IN ('TRIALING', 'ACTIVE', 'PAST_DUE') AND r.current_period_start <= $1))`;

/**
 * OPEN invoices of a subscription, past due by $1, with something to do now (dunning.ts, the same
 * rule as schedule.ts `dunningStepDue`): the subscription is still ACTIVE (it becomes PAST_DUE), the
 * final action's day has come, or a reminder's day has come that is later than every step taken
 * (`addDays` adds whole 24-hour days, so does `* interval '24 hours'`). Without this an overdue
 * invoice whose reminder was sent came back every tick: 2,395 transactions a minute doing nothing
 * at the scale seed. The open invoices past their due date are an index range
 * (`invoices_open_due_date`); the subscription and plan are read per invoice by primary key in a
 * scalar subquery (never pulled up into a join: planned as a join across every tenant, the policy's
 * 0.5 % estimate started it from all plans and read every subscription, 104 ms).
 */
const overdueInvoices = `
  FROM invoices r WHERE r.status = 'OPEN' AND r.due_date < $1 AND r.subscription_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM dunning_reminders d WHERE d.invoice_id = r.id AND d.step = 0)
    AND (SELECT s.status = 'ACTIVE'
        OR r.due_date + p.dunning_final_after_days * interval '24 hours' <= $1
        OR (SELECT count(*) FROM unnest(p.dunning_reminder_days) AS day WHERE r.due_date + day * interval '24 hours' <= $1)
          > (SELECT coalesce(max(d.step), 0) FROM dunning_reminders d WHERE d.invoice_id = r.id)
      FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.id = r.subscription_id)`;

export type DueKind = 'subscriptions' | 'invoices';
const dueRows: Record<DueKind, string> = { subscriptions: dueSubscriptions, invoices: overdueInvoices };

const beforeEveryId = '00000000-0000-0000-0000-000000000000';

/** The tenants with due rows, the most first: their lanes start first, so the longest does not start last. */
export async function dueTenants(db: BillingDatabase, kind: DueKind, asOf: Date, filter: DueFilter) {
  const sql = `SELECT r.tenant_id::text AS "tenantId" ${dueRows[kind]}
    AND ($2::uuid IS NULL OR r.tenant_id = $2::uuid) GROUP BY r.tenant_id ORDER BY count(*) DESC`;
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
  const sql = `SELECT r.id::text AS id, r.tenant_id::text AS "tenantId" ${dueRows[kind]}
    AND r.tenant_id = $2::uuid AND r.id > $3::uuid ORDER BY r.id LIMIT $4`;
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
