import { dunInvoice, type OverdueOutcome } from './dunning.ts';
import { dueTenants, tenantPages, type DueFilter, type DueKind } from './find-due.ts';
import { advanceSubscriptions } from './renewal-batch.ts';
import { advanceSubscription, type SubscriptionOutcome } from './renewals.ts';
import type { ClockDeps, DueItem } from './work.ts';

export interface ClockRunOptions extends DueFilter {
  /** Due rows read per query. */
  batchSize?: number;
  /** Subscriptions moved and invoiced per transaction (the batch path; 1 bills each on its own). */
  transactionSize?: number;
  /** Tenants worked on at once (each tenant's items one after another, each in its own transaction). */
  concurrency?: number;
  /** Periods a subscription may be moved on in one run (a clock that was stopped for years stops here). */
  maxRounds?: number;
}

export interface ClockRunReport {
  asOf: Date;
  rounds: number;
  trialsEnded: number;
  renewed: number;
  cancelled: number;
  invoicesIssued: number;
  pastDue: number;
  reminders: number;
  finalActions: number;
  /** Items that threw (logged; the next run tries them again). */
  failed: number;
  /** Batches that rolled back and were billed one subscription at a time instead (logged). */
  batchesRetriedOneByOne: number;
  /** Wall time of the subscriptions' rounds and of the overdue invoices' pass. */
  seconds: { subscriptions: number; invoices: number };
}

const defaults = { batchSize: 500, transactionSize: 100, concurrency: 8, maxRounds: 120 };

const emptyReport = (asOf: Date): ClockRunReport => ({
  asOf,
  rounds: 0,
  trialsEnded: 0,
  renewed: 0,
  cancelled: 0,
  invoicesIssued: 0,
  pastDue: 0,
  reminders: 0,
  finalActions: 0,
  failed: 0,
  batchesRetriedOneByOne: 0,
  seconds: { subscriptions: 0, invoices: 0 },
});

/**
 * Everything billing owes as of `asOf`, in order: subscriptions whose trial or period ended (one
 * step per round, until none is due: a subscription three periods behind takes three rounds),
 * then overdue invoices (PAST_DUE, dunning). A tenant's subscriptions go in batches of
 * `transactionSize` per transaction, its overdue invoices one per transaction, each row checked
 * again under its row lock, so running this twice, or on two
 * replicas at once, changes nothing twice.
 * The cron tick calls it with the service clock's time; tests and `billing:catch-up` with theirs.
 */
export async function runBillingClock(
  deps: ClockDeps,
  asOf: Date,
  options: ClockRunOptions = {},
): Promise<ClockRunReport> {
  const settings = { ...defaults, ...options };
  const started = performance.now();
  const report = emptyReport(asOf);
  const guarded = guard(deps, report);
  const lanes = (kind: DueKind, work: (page: DueItem[]) => Promise<number>) =>
    forEachDue(deps, kind, asOf, settings, work);
  const subscriptionStep = guarded((item) => advanceSubscription(deps, item, asOf), tallySubscription(report));
  const renewBatch = (tenantId: string, ids: string[]) => advanceSubscriptions(deps, tenantId, ids, asOf);
  const tally = tallySubscription(report);
  const subscriptionPage = inBatches(deps, report, settings.transactionSize, renewBatch, tally, subscriptionStep);
  while (report.rounds < settings.maxRounds) {
    report.rounds += 1;
    if ((await lanes('subscriptions', subscriptionPage)) === 0) break;
  }
  report.seconds.subscriptions = (performance.now() - started) / 1000;
  // One transaction per overdue invoice: measured faster than batches of 100 (docs/benchmarks.md).
  await lanes('invoices', oneByOne(guarded((item) => dunInvoice(deps, item, asOf), tallyOverdue(report))));
  report.seconds.invoices = (performance.now() - started) / 1000 - report.seconds.subscriptions;
  return report;
}

/** A page's items one after another, each in its own transaction; counts the changed ones. */
const oneByOne = (work: (item: DueItem) => Promise<boolean>) => async (page: DueItem[]) => {
  let changed = 0;
  for (const item of page) if (await work(item)) changed += 1;
  return changed;
};

/**
 * A page of one tenant's due rows in transactions of `size` (subscriptions: renewal-batch.ts). A batch that fails rolls back whole and is worked again one row
 * at a time (`single`), so one bad row costs its batch the fast path, never an invoice.
 */
const inBatches =
  <T>(
    deps: ClockDeps,
    report: ClockRunReport,
    size: number,
    batchWork: (tenantId: string, ids: string[]) => Promise<T[]>,
    tally: (outcome: T) => boolean,
    single: (item: DueItem) => Promise<boolean>,
  ) =>
  async (page: DueItem[]) => {
    let changed = 0;
    for (let start = 0; start < page.length; start += size) {
      const batch = page.slice(start, start + size);
      try {
        const outcomes = await batchWork(
          batch[0]!.tenantId,
          batch.map((item) => item.id),
        );
        for (const outcome of outcomes) if (tally(outcome)) changed += 1;
      } catch (error) {
        report.batchesRetriedOneByOne += 1;
        deps.logger.warn({ err: error, items: batch.length }, 'billing clock batch failed: working it one by one');
        changed += await oneByOne(single)(batch);
      }
    }
    return changed;
  };

/** One item's work, its outcome tallied; a failure is logged and counted, and the run goes on. */
const guard =
  (deps: ClockDeps, report: ClockRunReport) =>
  <T>(work: (item: DueItem) => Promise<T>, tally: (outcome: T) => boolean) =>
  async (item: DueItem) => {
    try {
      return tally(await work(item));
    } catch (error) {
      report.failed += 1;
      deps.logger.error({ err: error, item }, 'billing clock item failed');
      return false;
    }
  };

const tallySubscription = (report: ClockRunReport) => (outcome: SubscriptionOutcome | null) => {
  if (!outcome) return false;
  if (outcome.step === 'end-trial') report.trialsEnded += 1;
  else if (outcome.step === 'renew') report.renewed += 1;
  else report.cancelled += 1;
  if (outcome.invoiceId) report.invoicesIssued += 1;
  return true;
};

const tallyOverdue = (report: ClockRunReport) => (outcome: OverdueOutcome) => {
  if (outcome.pastDue) report.pastDue += 1;
  if (outcome.reminder !== null) report.reminders += 1;
  if (outcome.finalAction !== null) report.finalActions += 1;
  return outcome.pastDue || outcome.reminder !== null || outcome.finalAction !== null;
};

/**
 * Runs `work` over every due item, one lane per tenant and `concurrency` lanes at once: items of
 * one tenant queue on its invoice number counter anyway, so workers on the same tenant would only
 * wait on each other. Counts the items `work` reported as changed.
 */
async function forEachDue(
  deps: ClockDeps,
  kind: DueKind,
  asOf: Date,
  settings: typeof defaults & DueFilter,
  work: (page: DueItem[]) => Promise<number>,
): Promise<number> {
  const tenants = await dueTenants(deps.db, kind, asOf, settings);
  let changed = 0;
  let next = 0;
  const lane = async () => {
    while (next < tenants.length) {
      const tenantId = tenants[next++]!;
      for await (const page of tenantPages(deps.db, kind, asOf, tenantId, settings.batchSize))
        changed += await work(page);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, tenants.length) }, lane));
  return changed;
}
