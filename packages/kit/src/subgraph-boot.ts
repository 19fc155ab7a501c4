import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestContext } from './context.ts';
import { createLogger, type Logger } from './logger.ts';
import { applyMigrations, readMigrations } from './migrator.ts';
import type { SubgraphName } from './services.ts';
import { loadSubgraphConfig, type SubgraphConfig } from './subgraph-config.ts';
import { gatewayKey } from './gateway-trust.ts';
import type { DatabasePoolOptions } from './database-pool.ts';
import { type Clock, systemClock } from './clock.ts';
import { createJobQueue, type JobQueue } from './job-queue.ts';
import { domainEventsRetentionTask } from './domain-events-prune.ts';
import { startDomainEventFeed } from './domain-events-feed.ts';
import type { ScopableClient } from './tenant-scope.ts';
import type { Task } from './job-task.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { readTypeDefs } from './subgraph-sdl.ts';
import { startSubgraphServer, type RunningServer, type SubgraphDefinition } from './subgraph-server.ts';

/** The part of a generated Prisma client the boot sequence relies on (the outbox's prune task scopes it). */
export interface ServiceDatabase extends ScopableClient {
  $queryRawUnsafe: (sql: string) => Promise<unknown>;
  $disconnect: () => Promise<void>;
}

export interface SubgraphModule<TDb extends ServiceDatabase, TContext extends RequestContext> {
  service: SubgraphName;
  version: string;
  /** `prisma/<service>/migrations` */
  migrationsDir: string;
  /** Builds the Prisma client on a pool bounded by `pool.limits`, recording into `pool.metrics`. */
  createDatabase: (databaseUrl: string, pool: DatabasePoolOptions) => TDb;
  seedDemo: (db: TDb, logger: Logger) => Promise<void>;
  /**
   * Background tasks: with any, the service runs a job queue on its database (README "Background
   * jobs"). `clock` is the one the queue runs them with (see startSubgraph).
   */
  tasks?: (db: TDb, config: SubgraphConfig, clock: Clock) => readonly Task[];
  /** `jobs` enqueues this service's tasks (in a request's transaction: pass its `tx`); `clock` is the service's time. */
  define: (
    db: TDb,
    config: SubgraphConfig,
    jobs: JobQueue,
    clock: Clock,
  ) => Omit<SubgraphDefinition<TContext>, 'service' | 'version' | 'readiness'> & BackgroundWork;
}

/** What a subgraph runs beside its server (Auth's webhook dispatcher): stopped before its job queue. */
export interface BackgroundWork {
  stop?: () => Promise<void>;
}

export { readTypeDefs } from './subgraph-sdl.ts';

/** The repository root, seen from this file (`packages/kit/src/`): where `prisma/` and `schema/` are. */
const repositoryRoot = new URL('../../../', import.meta.url);

/** A subgraph module less what follows from its service name: its version, migrations and SDL. */
export interface SubgraphParts<TDb extends ServiceDatabase, TContext extends RequestContext>
  extends Pick<SubgraphModule<TDb, TContext>, 'service' | 'createDatabase' | 'seedDemo' | 'tasks'>,
    Pick<SubgraphDefinition<TContext>, 'resolvers' | 'permissions'> {
  /** What needs the database or the config, built once at start: the per-request context, extra routes. */
  define: (
    db: TDb,
    config: SubgraphConfig,
    jobs: JobQueue,
    clock: Clock,
  ) => Pick<SubgraphDefinition<TContext>, 'createContext' | 'routes'> & BackgroundWork;
}

/** `subgraphs/<service>/package.json`'s version, which health answers name. */
function packageVersion(service: SubgraphName): string {
  const file = new URL(`subgraphs/${service}/package.json`, repositoryRoot);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * A subgraph module whose version is `subgraphs/<service>/package.json`'s, whose migrations are
 * `prisma/<service>/migrations` and whose typeDefs are `schema/<service>.graphql` with the shared
 * files it includes (read when the module is defined at start).
 */
export function defineSubgraph<TDb extends ServiceDatabase, TContext extends RequestContext>(
  parts: SubgraphParts<TDb, TContext>,
): SubgraphModule<TDb, TContext> {
  const { resolvers, permissions, define, ...module } = parts;
  return {
    ...module,
    version: packageVersion(parts.service),
    migrationsDir: fileURLToPath(new URL(`prisma/${parts.service}/migrations`, repositoryRoot)),
    define: (db, config, jobs, clock) => ({
      typeDefs: readTypeDefs(new URL(`schema/${parts.service}.graphql`, repositoryRoot)),
      resolvers,
      permissions,
      ...define(db, config, jobs, clock),
    }),
  };
}

/**
 * Starts one subgraph process the same way for all five: validated config, migrations (unless
 * MIGRATE_ON_START=false), demo seed (only with SEED_DEMO=true), the job queue of its tasks (if it
 * has any; its tasks read `clock`), then the server. `clock` (default the system's) is also handed
 * to the module's tasks and definition, so a service can read every "now" from it. Readiness covers the database answering, every
 * committed migration being applied and the job queue running.
 */
export async function startSubgraph<TDb extends ServiceDatabase, TContext extends RequestContext>(
  module: SubgraphModule<TDb, TContext>,
  env: NodeJS.ProcessEnv = process.env,
  options: { clock?: Clock } = {},
): Promise<RunningServer> {
  const config = loadSubgraphConfig(module.service, env);
  const logger = createLogger({
    service: module.service,
    level: config.logLevel,
    pretty: config.logFormat === 'pretty',
  });
  if (config.migrateOnStart) {
    await applyMigrations({ databaseUrl: config.databaseUrl, migrationsDir: module.migrationsDir, logger });
  }
  const metrics = createMetrics();
  const db = module.createDatabase(config.databaseUrl, { limits: config.databaseLimits, metrics });
  if (config.seedDemo) await seedDemoData(module, config, logger);
  const migrationNames = (await readMigrations(module.migrationsDir)).map((m) => m.name);
  const clock = options.clock ?? systemClock;
  const tasks = [
    ...(module.tasks?.(db, config, clock) ?? []),
    domainEventsRetentionTask(module.service, db, config.domainEventsRetentionDays),
  ];
  const jobs = await startJobs(tasks, { config, logger, metrics, clock });
  const domainEvents = startDomainEventFeed({ service: module.service, databaseUrl: config.databaseUrl, logger });

  const { stop: stopBackground, ...defined } = module.define(db, config, jobs.queue, clock);
  const stopWork = async () => {
    await stopBackground?.().catch((error: unknown) => logger.error({ err: error }, 'background work did not stop'));
    await jobs.queue.stop();
  };
  const server = await startSubgraphServer<TContext>(
    {
      ...defined,
      service: module.service,
      version: module.version,
      readiness: [
        { name: 'database', check: async () => void (await db.$queryRawUnsafe('SELECT 1')) },
        { name: 'migrations', check: () => checkMigrationsApplied(db, migrationNames) },
        ...jobs.readiness,
      ],
    },
    {
      port: config.port,
      host: config.host,
      portSetting: config.portSetting,
      logger,
      exposeErrorStacks: config.exposeErrorStacks,
      gatewayKey: gatewayKey(config.gatewaySecret),
      metrics,
      metricsToken: config.metricsToken,
      domainEvents,
    },
  ).catch(async (error: unknown) => {
    await domainEvents.stop();
    await stopWork();
    throw error;
  });
  return {
    ...server,
    stop: async () => {
      // Running jobs finish (or are handed back) while the database and the server are still there.
      await stopWork().catch((error: unknown) => logger.error({ err: error }, 'job queue did not stop cleanly'));
      // Event streams never end by themselves: they close first, so the server can drain.
      await domainEvents.stop();
      await server.stop();
      await db.$disconnect();
    },
  };
}

/**
 * The demo seed runs on a client of its own whose transactions and statements may take far longer
 * than a request's: at start six services seed one PostgreSQL at once, and on a loaded machine a
 * request's limits (a 2 s wait for a connection, 5 s per transaction) fail the start.
 */
async function seedDemoData<TDb extends ServiceDatabase, TContext extends RequestContext>(
  module: SubgraphModule<TDb, TContext>,
  config: SubgraphConfig,
  logger: Logger,
): Promise<void> {
  const seedDb = module.createDatabase(config.databaseUrl, {
    limits: { ...config.databaseLimits, poolMax: 2, poolTimeoutMs: 60_000, statementTimeoutMs: 60_000 },
    transactions: { maxWait: 60_000, timeout: 120_000 },
  });
  try {
    await module.seedDemo(seedDb, logger);
  } finally {
    await seedDb.$disconnect();
  }
}

/** The service's job queue, started (with its readiness check) only when the service has tasks. */
async function startJobs(
  tasks: readonly Task[],
  options: { config: SubgraphConfig; logger: Logger; metrics: Metrics; clock?: Clock },
) {
  const { config, ...rest } = options;
  const queue = createJobQueue({ databaseUrl: config.databaseUrl, tasks, settings: config.jobs, ...rest });
  if (tasks.length === 0) return { queue, readiness: [] };
  await queue.start();
  return { queue, readiness: [queue.readiness] };
}

async function checkMigrationsApplied(db: ServiceDatabase, expected: string[]) {
  const rows = (await db.$queryRawUnsafe(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  )) as { migration_name: string }[];
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
  return { applied: expected.length };
}
