import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { allTenants, createLogger, withScope } from '@codex/kit';
import { createManualClock, defineTask, type JobQueue, type TaskContext } from '@codex/kit/job-queue';
import { createAuthDatabase, type AuthDatabase } from '@codex/subgraph-auth';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { eventually } from './support/expectations.ts';
import { appRoleScratchDatabase, crashTask, startedQueues } from './support/job-queues.ts';
import { query } from './support/scratch-database.ts';

/**
 * The kit's job queue (pg-boss) against a real PostgreSQL: a database of its own, owned by the
 * services' role, so the engine installs and runs exactly as it does in a service.
 */
let database: { url: string; drop: () => Promise<void> };
let db: AuthDatabase;
const queues = startedQueues();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await appRoleScratchDatabase(inject('databaseUrls').auth, inject('adminDatabaseUrl'));
  // Any generated client runs raw SQL on any database: here it gives real Prisma transactions.
  db = createAuthDatabase(database.url);
});
afterAll(async () => {
  await queues.stopAll();
  await db?.$disconnect();
  await database?.drop();
});

const jobRows = (name: string) =>
  query<{ id: string; state: string; data: unknown; retry_count: number }>(
    database.url,
    'SELECT id, state, data, retry_count FROM pgboss.job WHERE name = $1',
    [name],
  );

/** A task recording each run's payload and context. */
function recordingTask(name: string) {
  const runs: { n: number; context: TaskContext }[] = [];
  const task = defineTask({
    name,
    payload: z.object({ n: z.number().int() }),
    run: async ({ n }, context) => void runs.push({ n, context }),
  });
  return { task, runs };
}

describe('enqueueing', () => {
  let queue: JobQueue;
  const recorded = recordingTask('test.record');
  const clock = createManualClock(new Date('2031-01-31T12:00:00Z'));
  beforeAll(async () => {
    queue = await queues.start({ databaseUrl: database.url, tasks: [recorded.task], clock });
  });

  it('a job enqueued in a transaction that rolls back never runs; a committed one runs once', async () => {
    await expect(
      withScope(db, allTenants, async (tx) => {
        await queue.enqueue(tx, recorded.task, { n: 1 });
        throw new Error('the change fails after its job was enqueued');
      }),
    ).rejects.toThrow('the change fails');
    await withScope(db, allTenants, (tx) => queue.enqueue(tx, recorded.task, { n: 2 }));
    await eventually(async () => expect(recorded.runs.map((run) => run.n)).toContain(2));
    await sleep(1500);
    expect(recorded.runs.map((run) => run.n)).toEqual([2]);
    expect((await jobRows('test.record')).map((row) => row.data)).toEqual([{ n: 2 }]);
  });

  it("tasks see the queue's clock and their attempt", async () => {
    const run = recorded.runs.find((entry) => entry.n === 2);
    expect(run?.context.now.toISOString()).toBe('2031-01-31T12:00:00.000Z');
    expect(run?.context.attempt).toBe(1);
  });

  it('a job key enqueues once; a job with a time runs no earlier', async () => {
    const first = await queue.enqueue(db, recorded.task, { n: 3 }, { jobKey: 'invoice-42' });
    const second = await queue.enqueue(db, recorded.task, { n: 4 }, { jobKey: 'invoice-42' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    const runAt = new Date(Date.now() + 2500);
    await queue.enqueue(db, recorded.task, { n: 5 }, { runAt });
    await eventually(async () => expect(recorded.runs.map((run) => run.n)).toContain(5), 8000);
    const ranAt = Date.now();
    expect(ranAt).toBeGreaterThanOrEqual(runAt.getTime());
    expect(recorded.runs.filter((run) => run.n === 3 || run.n === 4).map((run) => run.n)).toEqual([3]);
  });

  it('refuses a payload its task does not accept, naming the field and not the value', async () => {
    await expect(queue.enqueue(db, recorded.task, { n: 'secret-value' as unknown as number })).rejects.toThrow(
      /payload refused \(n: invalid_type\)$/,
    );
  });
});

describe('several workers on one database', () => {
  it('never run one job twice or at the same time', async () => {
    const inFlight = new Set<string>();
    const runs = new Map<string, number>();
    let overlaps = 0;
    const parallelTask = () =>
      defineTask({
        name: 'test.parallel',
        payload: z.object({ n: z.number() }),
        run: async (_payload, { jobId }) => {
          if (inFlight.has(jobId)) overlaps += 1;
          inFlight.add(jobId);
          await sleep(20);
          inFlight.delete(jobId);
          runs.set(jobId, (runs.get(jobId) ?? 0) + 1);
        },
      });
    const parallel = parallelTask();
    const [a] = await Promise.all([
      queues.start({ databaseUrl: database.url, tasks: [parallel], settings: { concurrency: 3 } }),
      queues.start({ databaseUrl: database.url, tasks: [parallelTask()], settings: { concurrency: 3 } }),
    ]);
    for (let n = 0; n < 40; n += 1) await a.enqueue(db, parallel, { n });
    await eventually(async () => expect([...runs.values()].reduce((sum, count) => sum + count, 0)).toBe(40), 15_000);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(overlaps).toBe(0);
  }, 30_000);

  it('run a cron slot once whatever the number of replicas', async () => {
    let runs = 0;
    const cronTask = () =>
      defineTask({
        name: 'test.every-minute',
        payload: z.object({}),
        cron: { pattern: '* * * * *', payload: {} },
        run: async () => {
          runs += 1;
        },
      });
    // Start early in a minute, so that the observation stays within one slot.
    while (new Date().getSeconds() < 3 || new Date().getSeconds() > 25) await sleep(500);
    const minute = () => Math.floor(Date.now() / 60_000);
    const startedIn = minute();
    await Promise.all([
      queues.start({ databaseUrl: database.url, tasks: [cronTask()] }),
      queues.start({ databaseUrl: database.url, tasks: [cronTask()] }),
      queues.start({ databaseUrl: database.url, tasks: [cronTask()] }),
    ]);
    await eventually(async () => expect(runs).toBeGreaterThan(0), 15_000);
    // Every replica checks the schedule each second meanwhile.
    await sleep(4000);
    // Under heavy load the observation may spill into the next slot, which may then run too.
    if (minute() === startedIn) expect(runs).toBe(1);
    else expect(runs).toBeLessThanOrEqual(2);
  }, 60_000);
});

describe('failures', () => {
  it('a job that throws is retried with growing delays and ends failed after its last attempt; logs name no payload', async () => {
    const secret = `secret-${randomUUID()}`;
    const attempts: { attempt: number; at: number }[] = [];
    const task = defineTask({
      name: 'test.failing',
      payload: z.object({ token: z.string() }),
      maxAttempts: 3,
      retryDelaySeconds: 1,
      run: async (_payload, { attempt }) => {
        attempts.push({ attempt, at: Date.now() });
        throw new Error('the receiver answered 500');
      },
    });
    const log = capturedLog();
    const registry = new Registry();
    const queue = await queues.start({
      databaseUrl: database.url,
      tasks: [task],
      logger: log.logger,
      metrics: { registry },
    });
    const id = await queue.enqueue(db, task, { token: secret });
    await eventually(async () => expect((await jobRows('test.failing'))[0]?.state).toBe('failed'), 20_000);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = attempts.map((entry) => entry.at);
    // Backoff: the first retry waits 1–2 s, the second 2–4 s (pg-boss: delay × 2^n / 2 × (1 + random)).
    expect(second! - first!).toBeGreaterThanOrEqual(900);
    expect(third! - second!).toBeGreaterThanOrEqual(1900);
    expect((await jobRows('test.failing'))[0]).toMatchObject({ id, retry_count: 2 });
    const failed = (await registry.getSingleMetric('codex_jobs_total')?.get())?.values ?? [];
    expect(failed).toContainEqual(
      expect.objectContaining({ labels: { task: 'test.failing', outcome: 'failed' }, value: 3 }),
    );
    expect(log.text()).toContain('the receiver answered 500');
    expect(log.text()).not.toContain(secret);
  }, 30_000);

  it('a worker killed mid-job leaves the job to be run again after a restart', async () => {
    const worker = spawnWorker(database.url);
    await worker.line((line) => line === 'ready');
    const reruns: { n: number; attempt: number }[] = [];
    const task = crashTask(
      async (payload, { attempt }) => void reruns.push({ n: (payload as { n: number }).n, attempt }),
    );
    // Enqueued from here, taken by the worker process, which is killed while it runs the job.
    const enqueuer = await queues.start({ databaseUrl: database.url, tasks: [task], settings: { worker: false } });
    const id = await enqueuer.enqueue(db, task, { n: 7 });
    expect(await worker.line((line) => line.startsWith('started '))).toBe(`started ${id}`);
    worker.process.kill('SIGKILL');
    expect((await jobRows('test.crash'))[0]?.state).toBe('active');
    await queues.start({ databaseUrl: database.url, tasks: [task] });
    await eventually(async () => expect(reruns).toEqual([{ n: 7, attempt: expect.any(Number) }]), 30_000);
    expect(reruns[0]?.attempt).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('stopping', () => {
  it('lets a running job finish before the queue stops, and takes no new job after', async () => {
    let started = 0;
    let finished = 0;
    const task = defineTask({
      name: 'test.slow',
      payload: z.object({}),
      run: async () => {
        started += 1;
        await sleep(1000);
        finished += 1;
      },
    });
    const queue = await queues.start({ databaseUrl: database.url, tasks: [task] });
    await queue.enqueue(db, task, {});
    await eventually(async () => expect(started).toBe(1));
    await queue.stop();
    expect({ finished, state: queue.state() }).toEqual({ finished: 1, state: 'stopped' });
    expect((await jobRows('test.slow'))[0]?.state).toBe('completed');
    await queue.enqueue(db, task, {});
    await sleep(1500);
    expect(started).toBe(1);
  });
});

/** Log lines kept in memory, at debug level. */
function capturedLog() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ service: 'test-jobs', level: 'debug', destination }), text: () => chunks.join('') };
}

/** tests/support/job-worker-process.ts as a process of its own, its stdout read line by line. */
function spawnWorker(databaseUrl: string) {
  const entry = fileURLToPath(new URL('./support/job-worker-process.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, JOB_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  afterAll(() => void child.kill('SIGKILL'));
  const lines: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return {
    process: child,
    line: async (matches: (line: string) => boolean) => {
      let found: string | undefined;
      await eventually(async () => {
        found = lines.find(matches);
        expect(found).toBeDefined();
      }, 45_000);
      return found;
    },
  };
}
