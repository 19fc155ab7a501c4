import { Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * One Prometheus registry per process (metrics describe the process, whatever the request), with
 * Node's default metrics, served at GET /metrics.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Every SQL statement a service sends, transaction control included: what N+1 tests and dashboards count. */
export const databaseStatements = new Counter({
  name: 'codex_db_statements_total',
  help: 'SQL statements sent to PostgreSQL (BEGIN/COMMIT included)',
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
