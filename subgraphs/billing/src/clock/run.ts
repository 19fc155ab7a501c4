import { dunInvoice, type OverdueOutcome } from './dunning.ts';
import { dueSubscriptions, overdueInvoices, type DueFilter } from './find-due.ts';
import { advanceSubscription, type SubscriptionOutcome } from './renewals.ts';
import type { ClockDeps, DueItem } from './work.ts';

export interface ClockRunOptions extends DueFilter {
  /** Due rows read per query. */
  batchSize?: number;
  /** Items changed at once (each in its own transaction). */
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
}

const defaults = { batchSize: 500, concurrency: 4, maxRounds: 120 };

/**
 * Everything billing owes as of `asOf`, in order: subscriptions whose trial or period ended (one
 * step per round, until none is due: a subscription three periods behind takes three rounds),
 * then overdue invoices (PAST_DUE, dunning). Each item is its own transaction and is checked again
 * under its row lock, so running this twice, or on two replicas at once, changes nothing twice.
 * The cron tick calls it with the service clock's time; tests and `billing:catch-up` with theirs.
 */
export async function runBillingClock(
  deps: ClockDeps,
  asOf: Date,
  options: ClockRunOptions = {},
): Promise<ClockRunReport> {
  const settings = { ...defaults, ...options };
  const report: ClockRunReport = {
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
  };
  const run =
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
  const subscriptionStep = run((item) => advanceSubscription(deps, item, asOf), tallySubscription(report));
  while (report.rounds < settings.maxRounds) {
    report.rounds += 1;
    const due = dueSubscriptions(deps.db, asOf, settings, settings.batchSize);
    if ((await forEachItem(due, settings.concurrency, subscriptionStep)) === 0) break;
  }
  const overdue = overdueInvoices(deps.db, asOf, settings, settings.batchSize);
  await forEachItem(
    overdue,
    settings.concurrency,
    run((item) => dunInvoice(deps, item, asOf), tallyOverdue(report)),
  );
  return report;
}

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

/** Runs `work` over every item of every page, `concurrency` at a time; counts the items it reported as changed. */
async function forEachItem(
  pages: AsyncIterable<DueItem[]>,
  concurrency: number,
  work: (item: DueItem) => Promise<boolean>,
): Promise<number> {
  let changed = 0;
  for await (const page of pages) {
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const item = page[next++]!;
        if (await work(item)) changed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, page.length) }, worker));
  }
  return changed;
}
