/**
 * Benchmark: the billing clock's nightly run with every subscription due.
 *   npm run seed:scale -- --subscriptions 100000 && npm run bench:billing-nightly
 *   npm run bench:billing-nightly -- --fresh --scale 0.05 --subscriptions 5000   (a throw-away cluster, seeded here)
 * Without --fresh it runs on the databases `npm run seed:scale` filled (the embedded cluster in
 * EMBEDDED_POSTGRES_DIR, or the *_DATABASE_URL settings; stop `npm start` first) and changes them:
 * a second run finds nothing due (seed again with --reset). The run is `runBillingClock` as of
 * just after the last trial or period end, so every clocked subscription is due once. It prints
 * the time, invoices/s, SQL statements and the load average; the goal is under 5 minutes for
 * 100,000 subscriptions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allTenants, createLogger, createMetrics, withReadScope } from '@codex/kit';
import { createProgress, loadSeedConfig, openTarget, seedScale, type DatabaseTarget } from '@codex/seed';
import { createBillingDatabase, runBillingClock, type BillingDatabase } from '@codex/subgraph-billing';
import getPort from 'get-port';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    scale: { type: 'string', default: '0.05' },
    subscriptions: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    batch: { type: 'string', default: '500' },
  },
});
const concurrency = Number(values.concurrency);
const goalSeconds = 300;
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const logger = createLogger({ service: 'bench-billing-nightly', level: 'warn' });

/** A throw-away cluster seeded at --scale (and --subscriptions), or the seeded databases of `npm start`. */
async function databases(): Promise<{ url: string; release: () => Promise<void> }> {
  if (!values.fresh) {
    // `npm run seed:scale` runs at the repository root: its embedded cluster directory is relative to that.
    const target = loadSeedConfig([]).target;
    const opened = await openTarget(
      target.kind === 'embedded' ? { ...target, clusterDir: path.resolve(repositoryRoot, target.clusterDir) } : target,
      logger,
    );
    return { url: opened.urls.billing, release: opened.release };
  }
  const clusterDir = await mkdtemp(path.join(tmpdir(), 'codex-bench-billing-'));
  const target: DatabaseTarget = { kind: 'embedded', port: await getPort(), clusterDir };
  const opened = await openTarget(target, logger);
  const scale = Number(values.scale);
  const subscriptions = values.subscriptions ? Number(values.subscriptions) : null;
  const today = new Date();
  const anchor = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const tenants = Math.max(1, Math.round(1000 * scale));
  await seedScale(opened.urls, { scale, tenants, subscriptions, anchor, reset: false }, createProgress(), logger);
  return {
    url: opened.urls.billing,
    release: async () => {
      await opened.release();
      await rm(clusterDir, { recursive: true, force: true });
    },
  };
}

/** How many subscriptions the clock moves, and the moment just after the last of their boundaries. */
const dueSql = `
  SELECT count(*)::int AS "subscriptions",
         max(CASE WHEN status = 'TRIALING' THEN trial_end ELSE current_period_end END) AS "lastBoundary"
  FROM subscriptions WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')`;

async function dueFigures(db: BillingDatabase) {
  const [row] = await withReadScope(db, allTenants, (tx) =>
    tx.$queryRawUnsafe<{ subscriptions: number; lastBoundary: Date | null }[]>(dueSql),
  );
  return row!;
}

async function statementCount(metrics: ReturnType<typeof createMetrics>) {
  const metric = await metrics.databaseStatements.get();
  return metric.values.find((value) => value.metricName === 'codex_db_statement_duration_seconds_count')?.value ?? 0;
}

async function main() {
  const target = await databases();
  const metrics = createMetrics();
  const db = createBillingDatabase(target.url, {
    limits: { poolMax: concurrency + 2, poolTimeoutMs: 60_000, statementTimeoutMs: 60_000 },
    transactions: { maxWait: 60_000, timeout: 120_000 },
    metrics,
  });
  try {
    const due = await dueFigures(db);
    if (!due.lastBoundary) throw new Error('no subscription to bill: run npm run seed:scale first');
    const asOf = new Date(due.lastBoundary.getTime() + 1000);
    const before = await statementCount(metrics);
    const started = performance.now();
    const report = await runBillingClock({ db, logger }, asOf, { concurrency, batchSize: Number(values.batch) });
    const seconds = (performance.now() - started) / 1000;
    const statements = (await statementCount(metrics)) - before;
    const print = (line: string) => process.stdout.write(`${line}\n`);
    print(`subscriptions due: ${due.subscriptions.toLocaleString('en-US')} (as of ${asOf.toISOString()})`);
    print(`report: ${JSON.stringify(report)}`);
    print(`time: ${seconds.toFixed(1)} s, concurrency ${concurrency}`);
    print(`invoices: ${report.invoicesIssued} (${(report.invoicesIssued / seconds).toFixed(1)}/s)`);
    print(`statements: ${statements} (${(statements / Math.max(1, due.subscriptions)).toFixed(1)} per subscription)`);
    print(
      `load average (1/5/15 min): ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    const per100k = (seconds / Math.max(1, due.subscriptions)) * 100_000;
    print(`projected for 100,000 subscriptions: ${per100k.toFixed(0)} s (goal < ${goalSeconds} s)`);
  } finally {
    await db.$disconnect();
    await target.release();
  }
}

await main();
