import pg from 'pg';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { type Clock, systemClock } from './clock.ts';
import type { ReadinessCheck } from './health.ts';
import { createJobMetrics, type JobMetrics } from './job-metrics.ts';
import { jobIdForKey, payloadProblems, retryOptions, type Task } from './job-task.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export { type Clock, createManualClock, type ManualClock, systemClock } from './clock.ts';
export { defineTask, jobIdForKey, type Task, type TaskContext, type TaskDefinition } from './job-task.ts';

/**
 * A service's durable job queue on its own PostgreSQL database, on pg-boss (schema `pgboss`,
 * installed and migrated by pg-boss itself at start under its advisory lock, as the service's role).
 * Jobs are rows: enqueued in the caller's transaction, taken with SKIP LOCKED so two workers never
 * run one job at once, retried with exponential backoff, and retried again when their worker died
 * (once their timeout has passed). Cron tasks run once per slot across every replica.
 */
export interface JobQueueSettings {
  /** Run jobs in this process; false: enqueue only (a replica that serves requests and nothing else). */
  worker: boolean;
  /** Jobs of one task this process runs at once. */
  concurrency: number;
  /** Connections of the queue's own pool (polling, completion, maintenance), apart from the service's pool. */
  poolMax: number;
  /** How long an idle worker waits before asking for the next job. */
  pollIntervalSeconds: number;
  /** How often timed-out jobs (a worker died or hung) are retried or failed, across all replicas. */
  maintenanceIntervalSeconds: number;
  /** How often cron patterns are checked, across all replicas (a slot is caught within a minute). */
  cronIntervalSeconds: number;
  /** What running jobs get to finish when the queue stops; later they fail and are retried elsewhere. */
  stopTimeoutMs: number;
}

export const defaultJobQueueSettings: JobQueueSettings = {
  worker: true,
  concurrency: 2,
  poolMax: 3,
  pollIntervalSeconds: 2,
  maintenanceIntervalSeconds: 30,
  cronIntervalSeconds: 30,
  stopTimeoutMs: 5000,
};

export type JobQueueState = 'created' | 'starting' | 'running' | 'enqueue-only' | 'stopping' | 'stopped' | 'failed';

/** A Prisma client or an interactive transaction (`withScope`'s `tx`): the job commits or rolls back with it. */
export interface SqlRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

export interface EnqueueOptions {
  /** Idempotency: a second enqueue of the same task and key adds nothing while the first job's row lives. */
  jobKey?: string;
  /** Not before this time. */
  runAt?: Date;
}

export interface JobQueueOptions {
  databaseUrl: string;
  tasks: readonly Task[];
  logger: Logger;
  clock?: Clock;
  /** The service's metrics: jobs run and failed per task are counted into its registry. */
  metrics?: Pick<Metrics, 'registry'>;
  settings?: Partial<JobQueueSettings>;
}

export interface JobQueue {
  /** Validates the payload and adds the job through `db`, so it exists only if `db`'s transaction commits. */
  enqueue<S extends z.ZodType>(
    db: SqlRunner,
    task: Task<S>,
    payload: z.input<S>,
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Installs the schema and the tasks' queues; with `worker`, schedules cron tasks and starts taking jobs. */
  start(): Promise<void>;
  /** Stops taking jobs, waits up to `stopTimeoutMs` for running ones, closes the pool. */
  stop(): Promise<void>;
  state(): JobQueueState;
  readiness: ReadinessCheck;
}

/** A job queue for `tasks`; nothing connects until `start`. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const settings = { ...defaultJobQueueSettings, ...options.settings };
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ component: 'jobs' });
  const tasks = new Map(options.tasks.map((task) => [task.name, task]));
  const metrics = options.metrics && tasks.size > 0 ? createJobMetrics(options.metrics.registry) : null;
  const boss = new PgBoss(engineOptions(options.databaseUrl, settings));
  let state: JobQueueState = 'created';
  let lastError: string | null = null;
  boss.on('error', (error: Error) => {
    lastError = error.message;
    logger.error({ err: { message: error.message } }, 'job queue error');
  });

  const runner = { clock, logger, metrics };
  return {
    enqueue: (db, task, payload, enqueueOptions = {}) => {
      if (!tasks.has(task.name)) throw new Error(`Task ${task.name} is not a task of this job queue`);
      return addJob(boss, db, task, payload, enqueueOptions);
    },
    start: async () => {
      state = 'starting';
      try {
        await installAndRun(boss, options.databaseUrl, [...tasks.values()], settings, runner);
        state = settings.worker ? 'running' : 'enqueue-only';
        logger.info({ tasks: [...tasks.keys()], worker: settings.worker }, 'job queue started');
      } catch (error) {
        state = 'failed';
        lastError = error instanceof Error ? error.message : String(error);
        await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
        throw error;
      }
    },
    stop: async () => {
      if (state === 'created' || state === 'stopped' || state === 'failed') return;
      state = 'stopping';
      await boss.stop({ graceful: true, timeout: settings.stopTimeoutMs, wait: true });
      state = 'stopped';
    },
    state: () => state,
    readiness: {
      name: 'jobs',
      check: async () => {
        if (state !== 'running' && state !== 'enqueue-only')
          throw new Error(`job queue ${state}${lastError ? `: ${lastError}` : ''}`);
        return { state, tasks: [...tasks.keys()] };
      },
    },
  };
}

function engineOptions(databaseUrl: string, settings: JobQueueSettings): PgBoss.ConstructorOptions {
  return {
    connectionString: databaseUrl,
    application_name: 'codex-jobs',
    max: settings.poolMax,
    supervise: settings.worker,
    schedule: settings.worker,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    cronMonitorIntervalSeconds: settings.cronIntervalSeconds,
    cronWorkerIntervalSeconds: Math.min(settings.cronIntervalSeconds, 5),
    pollingIntervalSeconds: settings.pollIntervalSeconds,
  };
}

async function addJob<S extends z.ZodType>(
  boss: PgBoss,
  db: SqlRunner,
  task: Task<S>,
  payload: z.input<S>,
  options: EnqueueOptions,
): Promise<string | null> {
  const checked = task.payload.safeParse(payload);
  if (!checked.success) throw new Error(`Task ${task.name}: payload refused (${payloadProblems(checked.error)})`);
  return boss.send(task.name, payload as object, {
    ...retryOptions(task),
    ...(options.jobKey === undefined ? {} : { id: jobIdForKey(task, options.jobKey) }),
    ...(options.runAt ? { startAfter: options.runAt } : {}),
    db: sqlRunnerDb(db),
  });
}

/** pg-boss's statements through the caller's Prisma client or transaction; JSON values go as text. */
const sqlRunnerDb = (db: SqlRunner): PgBoss.Db => ({
  executeSql: async (text, values) => {
    const parameters = values.map((value: unknown) =>
      value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value,
    );
    return { rows: (await db.$queryRawUnsafe<unknown[]>(text, ...parameters)) ?? [] };
  },
});

interface TaskRunner {
  clock: Clock;
  logger: Logger;
  metrics: JobMetrics | null;
}

/** The schema and the tasks' queues, then (with `worker`) the schedules and the workers. */
async function installAndRun(
  boss: PgBoss,
  databaseUrl: string,
  tasks: Task[],
  settings: JobQueueSettings,
  runner: TaskRunner,
) {
  await whileInstalling(databaseUrl, async () => {
    await boss.start();
    for (const task of tasks) await installQueue(boss, task);
  });
  if (settings.worker) for (const task of tasks) await startWorkers(boss, task, settings, runner);
}

/** Any key: it only has to differ from the migrator's (see migrator.ts). */
const installLockKey = 72707370;

/**
 * Runs `install` while holding a database-wide advisory lock on a connection of its own: pg-boss
 * creates a queue as a partition of its job table, and replicas creating queues at the same
 * moment deadlock on that (seen in tests/job-queue.test.ts), so they take turns.
 */
async function whileInstalling(databaseUrl: string, install: () => Promise<void>) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'codex-jobs-install' });
  await client.connect();
  try {
    // Waiting for another replica's install may outlast the role's statement_timeout.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [installLockKey]);
    await install();
  } finally {
    await client.end();
  }
}

/** The task's queue, created or brought to the task's current retry settings. */
async function installQueue(boss: PgBoss, task: Task) {
  const queue = { name: task.name, ...retryOptions(task) };
  await boss.createQueue(task.name, queue);
  await boss.updateQueue(task.name, queue);
}

/** The task's schedule (or none) and `concurrency` workers taking its jobs. */
async function startWorkers(boss: PgBoss, task: Task, settings: JobQueueSettings, runner: TaskRunner) {
  if (task.cron) await boss.schedule(task.name, task.cron.pattern, task.cron.payload as object, retryOptions(task));
  else await boss.unschedule(task.name);
  const work = { batchSize: 1, includeMetadata: true as const, pollingIntervalSeconds: settings.pollIntervalSeconds };
  for (let i = 0; i < (task.concurrency ?? settings.concurrency); i += 1) {
    // pg-boss waits the polling interval after every fetch; a worker that just ran a job asks for the
    // next one at once instead, so a busy queue drains at the workers' pace, not one job per interval.
    const workerId: string = await boss.work<unknown>(task.name, work, async ([job]) => {
      if (!job) return;
      try {
        await runJob(task, job, runner);
      } finally {
        boss.notifyWorker(workerId);
      }
    });
  }
}

/** One run: the payload checked again, the task run with the clock's time, the outcome counted and logged. */
async function runJob(task: Task, job: PgBoss.JobWithMetadata<unknown>, { clock, logger, metrics }: TaskRunner) {
  const attempt = job.retryCount + 1;
  const jobLogger = logger.child({ task: task.name, jobId: job.id, attempt });
  const stopTimer = metrics?.duration.startTimer({ task: task.name });
  const parsed = task.payload.safeParse(job.data);
  if (!parsed.success) {
    metrics?.runs.inc({ task: task.name, outcome: 'refused' });
    const problems = payloadProblems(parsed.error);
    jobLogger.error({ problems }, 'job payload refused');
    throw new Error(`payload refused: ${problems}`);
  }
  try {
    await task.run(parsed.data, { now: clock.now(), clock, jobId: job.id, attempt, logger: jobLogger });
    metrics?.runs.inc({ task: task.name, outcome: 'completed' });
    jobLogger.debug('job completed');
  } catch (error) {
    metrics?.runs.inc({ task: task.name, outcome: 'failed' });
    jobLogger.warn({ err: error, lastAttempt: attempt >= task.maxAttempts }, 'job failed');
    throw error;
  } finally {
    stopTimer?.();
  }
}
