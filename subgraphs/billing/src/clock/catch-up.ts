import { allTenants, withReadScope } from '@codex/kit';
import { addDays } from '../periods.ts';
import { runBillingClock, type ClockRunOptions, type ClockRunReport } from './run.ts';
import type { ClockDeps } from './work.ts';

/** The earliest moment anything is due (a trial or period end, an overdue invoice's due date), or null. */
const earliestDueSql = `
  SELECT least(
    (SELECT min(CASE WHEN status = 'TRIALING' THEN trial_end ELSE current_period_end END) FROM subscriptions
      WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE') AND ($1::uuid IS NULL OR tenant_id = $1::uuid)),
    (SELECT min(due_date) FROM invoices WHERE status = 'OPEN' AND ($1::uuid IS NULL OR tenant_id = $1::uuid))
  ) AS "earliest"`;

async function earliestDue(deps: ClockDeps, tenantId: string | null): Promise<Date | null> {
  const [row] = await withReadScope(deps.db, allTenants, (tx) =>
    tx.$queryRawUnsafe<{ earliest: Date | null }[]>(earliestDueSql, tenantId),
  );
  return row?.earliest ?? null;
}

export interface CatchUpOptions extends ClockRunOptions {
  /** Default: the earliest moment anything is due. */
  from?: Date | null;
  /** Told after each day. */
  onDay?: (report: ClockRunReport) => void;
}

/**
 * An operator's backfill after the clock was stopped: `runBillingClock` as of each day from
 * `from` to `until`, then as of `until`, so reminders and renewals happen in the order a running
 * clock would have made them. Idempotent like every run: it may be stopped and run again.
 */
export async function catchUp(deps: ClockDeps, until: Date, options: CatchUpOptions = {}): Promise<ClockRunReport[]> {
  const { from, onDay, ...runOptions } = options;
  const start = from ?? (await earliestDue(deps, runOptions.tenantId ?? null)) ?? until;
  const reports: ClockRunReport[] = [];
  for (let asOf = start; asOf < until; asOf = addDays(asOf, 1)) {
    reports.push(await runBillingClock(deps, asOf, runOptions));
    onDay?.(reports.at(-1)!);
  }
  reports.push(await runBillingClock(deps, until, runOptions));
  onDay?.(reports.at(-1)!);
  return reports;
}
