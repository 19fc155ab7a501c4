import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerMemoryGauges } from './metrics-memory.ts';

interface PoolState {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * One service's metrics: its own Prometheus registry with Node's default metrics, the SQL statement
 * histogram, pool gauges, GraphQL operation metrics and leak-check memory figures (metrics-memory.ts). Created once at start (subgraph boot,
 * gateway start) and handed to what records into it; importing this module creates nothing.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerMemoryGauges(registry);
  const observedPools = new Set<PoolState>();
  registerPoolGauges(registry, observedPools);
  return {
    registry,
    /**
     * Every SQL statement a service sends, transaction control included, with its round-trip time:
     * `_count` is what N+1 tests count, `_sum` the SQL time benchmarks report.
     */
    databaseStatements: new Histogram({
      name: 'codex_db_statement_duration_seconds',
      help: 'SQL statements sent to PostgreSQL (BEGIN/COMMIT included), by round-trip time',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'codex_graphql_request_duration_seconds',
      help: 'GraphQL operations by operation name and outcome (ok, or error)',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errorsByCode: new Counter({
      name: 'codex_graphql_errors_total',
      help: 'GraphQL errors returned, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    /** Connection pool use, read when scraped (a service has one pool; a test process may hold several). */
    observePool: (pool: PoolState) => void observedPools.add(pool),
    operationLabel: createOperationLabels(),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

function registerPoolGauges(registry: Registry, pools: Set<PoolState>) {
  const poolGauge = (name: string, help: string, read: (pool: PoolState) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set([...pools].reduce((sum, pool) => sum + read(pool), 0));
      },
    });
  poolGauge('codex_db_pool_connections', 'Open connections in the database pool', (pool) => pool.totalCount);
  poolGauge('codex_db_pool_idle_connections', 'Idle connections in the database pool', (pool) => pool.idleCount);
  poolGauge('codex_db_pool_waiting_requests', 'Queries waiting for a pool connection', (pool) => pool.waitingCount);
}

/** Operation names come from clients: past this many distinct ones, the rest count as "other". */
const maxOperationNames = 200;

/** Bounded labels for operation names (metrics must not grow with whatever clients send). */
export function createOperationLabels() {
  const seen = new Set<string>();
  return (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= maxOperationNames) return 'other';
    seen.add(name);
    return name;
  };
}

/** Apollo plugin: every operation's latency by name and outcome, every error by code. */
export function metricsPlugin<TContext extends BaseContext>(metrics: Metrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stopTimer = metrics.requestDuration.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          for (const error of errors ?? [])
            metrics.errorsByCode.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          stopTimer({ operation: metrics.operationLabel(operationName), outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
