import { Router } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process (metrics describe the process, whatever the request), with
 * Node's default metrics, served at GET /metrics.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/**
 * Every SQL statement a service sends, transaction control included, with its round-trip time:
 * `_count` is what N+1 tests count, `_sum` the SQL time benchmarks report.
 */
export const databaseStatements = new Histogram({
  name: 'codex_db_statement_duration_seconds',
  help: 'SQL statements sent to PostgreSQL (BEGIN/COMMIT included), by round-trip time',
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [metricsRegistry],
});

interface PoolState {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Pools reported at /metrics (a service has one; a test process may hold several). */
const observedPools = new Set<PoolState>();
const poolGauge = (name: string, help: string, read: (pool: PoolState) => number) =>
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    collect() {
      this.set([...observedPools].reduce((sum, pool) => sum + read(pool), 0));
    },
  });
poolGauge('codex_db_pool_connections', 'Open connections in the database pool', (pool) => pool.totalCount);
poolGauge('codex_db_pool_idle_connections', 'Idle connections in the database pool', (pool) => pool.idleCount);
poolGauge('codex_db_pool_waiting_requests', 'Queries waiting for a pool connection', (pool) => pool.waitingCount);

/** Connection pool use, read when scraped. */
export function observePool(pool: PoolState) {
  observedPools.add(pool);
}

export function metricsRouter(): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}

/** Operation names come from clients: past this many distinct ones, the rest count as "other". */
const maxOperationNames = 200;
const seenOperationNames = new Set<string>();

/** A bounded label for an operation name (metrics must not grow with whatever clients send). */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
  if (seenOperationNames.has(name)) return name;
  if (seenOperationNames.size >= maxOperationNames) return 'other';
  seenOperationNames.add(name);
  return name;
}

const requestDuration = new Histogram({
  name: 'codex_graphql_request_duration_seconds',
  help: 'GraphQL operations by operation name and outcome (ok, or error)',
  labelNames: ['operation', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
const errorsByCode = new Counter({
  name: 'codex_graphql_errors_total',
  help: 'GraphQL errors returned, by code',
  labelNames: ['code'],
  registers: [metricsRegistry],
});

/** Apollo plugin: every operation's latency by name and outcome, every error by code. */
export function metricsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stopTimer = requestDuration.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          for (const error of errors ?? [])
            errorsByCode.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          stopTimer({ operation: operationLabel(operationName), outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
