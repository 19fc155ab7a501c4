import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Metrics } from './metrics.ts';
import { type ScopedAdapterFactory, scopedAdapterFactory } from './scoped-connections.ts';

/**
 * How much one request may take from the database (README "Bounded work"): connections in the pool,
 * how long a request waits for one, how long one statement may run and a transaction may sit idle.
 */
export interface DatabaseLimits {
  poolMax: number;
  poolTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export const defaultDatabaseLimits: DatabaseLimits = {
  poolMax: 10,
  poolTimeoutMs: 5000,
  statementTimeoutMs: 5000,
  idleInTransactionTimeoutMs: 10_000,
};

export interface DatabasePoolOptions {
  limits?: Partial<DatabaseLimits>;
  /** The service's metrics: statements counted, pool use reported. Without it nothing is recorded. */
  metrics?: Metrics;
  /** Prisma's defaults for interactive transactions (how long to wait for a connection, how long one may run). */
  transactions?: { maxWait: number; timeout: number };
}

/**
 * The driver adapter every service's Prisma client runs on: a bounded pg pool (its statement and
 * idle-transaction timeouts are set per connection, so they hold whatever the role's defaults are)
 * whose statements are counted (codex_db_statement_duration_seconds) and whose use is reported at
 * /metrics, and whose connections get their tenant scope at checkout (see scopedAdapterFactory).
 * One per process.
 */
export function createDatabaseAdapter(
  connectionString: string,
  options: DatabasePoolOptions = {},
): ScopedAdapterFactory {
  const limits = { ...defaultDatabaseLimits, ...options.limits };
  const pool = new pg.Pool({
    connectionString,
    max: limits.poolMax,
    connectionTimeoutMillis: limits.poolTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  });
  if (options.metrics) countStatements(pool, options.metrics);
  return scopedAdapterFactory(pool, new PrismaPg(pool, { disposeExternalPool: true }));
}

type Pipeline = { statementCount: number; finished: Promise<unknown> };
/** A read pipeline (see read-pipeline.ts) sends several statements in one `query` call. */
const isPipeline = (query: unknown): query is Pipeline =>
  typeof (query as Partial<Pipeline> | null)?.statementCount === 'number';

function countStatements(pool: pg.Pool, metrics: Metrics) {
  pool.on('connect', (client) => {
    const send = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const pipeline = isPipeline(args[0]) ? args[0] : null;
      const started = performance.now();
      const sent = send(...args);
      const done = pipeline ? pipeline.finished : sent;
      // Each statement of a pipeline counts once, with the pipeline's round trip as its time.
      const stop = () => {
        const seconds = (performance.now() - started) / 1000;
        for (let count = pipeline?.statementCount ?? 1; count > 0; count -= 1)
          metrics.databaseStatements.observe(seconds);
      };
      if (done instanceof Promise) done.then(stop, stop);
      else stop();
      return sent;
    };
  });
  metrics.observePool(pool);
}
