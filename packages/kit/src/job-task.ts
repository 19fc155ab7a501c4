import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/** What a run of a task knows besides its payload. */
export interface TaskContext {
  /** The queue's clock, read as the run starts: the time the task's rules are applied at. */
  now: Date;
  clock: Clock;
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** Names the task, job and attempt; never the payload, which may hold secrets. */
  logger: Logger;
}

export interface TaskDefinition<S extends z.ZodType> {
  /** Lower-case words with `.`, `-` or `_`, prefixed by the service (`auth.prune-stale-rows`). */
  name: string;
  /** Checked when a job is enqueued and again before it runs. */
  payload: S;
  run(payload: z.output<S>, context: TaskContext): Promise<void>;
  /** Runs in all, the first included (default 5); the last failure leaves the job `failed`. */
  maxAttempts?: number;
  /** The first retry waits 1–2× this, each further one twice as long (default 5 s). */
  retryDelaySeconds?: number;
  /**
   * A run longer than this fails (and is retried); a job whose worker died is retried once this
   * has passed since it started (default 300 s, at most 23 h).
   */
  timeoutSeconds?: number;
  /** Jobs of this task one process runs at once (default: the queue's `concurrency`). */
  concurrency?: number;
  /** Recurring: a cron pattern (UTC, 5 fields) and the payload each slot runs with; one run per slot. */
  cron?: { pattern: string; payload: z.input<S> };
}

/** A defined task: its definition with the defaults filled in. */
export interface Task<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  run(payload: z.output<S>, context: TaskContext): Promise<void>;
  maxAttempts: number;
  retryDelaySeconds: number;
  timeoutSeconds: number;
  concurrency: number | null;
  cron: { pattern: string; payload: z.input<S> } | null;
}

const taskName = /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/;
const maxTimeoutSeconds = 23 * 60 * 60;

/** A task with its defaults filled in; a malformed name, limit or cron payload throws here, at start. */
export function defineTask<S extends z.ZodType>(definition: TaskDefinition<S>): Task<S> {
  if (!taskName.test(definition.name) || definition.name.length > 100)
    throw new Error(`Task name ${JSON.stringify(definition.name)} must be lower-case words joined by . - or _`);
  const task: Task<S> = {
    maxAttempts: 5,
    retryDelaySeconds: 5,
    timeoutSeconds: 300,
    ...definition,
    concurrency: definition.concurrency ?? null,
    cron: definition.cron ?? null,
  };
  assertWhole(task, 'maxAttempts', 1, 1000);
  assertWhole(task, 'retryDelaySeconds', 1, 24 * 60 * 60);
  assertWhole(task, 'timeoutSeconds', 1, maxTimeoutSeconds);
  if (task.concurrency !== null && (!Number.isInteger(task.concurrency) || task.concurrency < 1))
    throw new Error(`Task ${task.name}: concurrency must be a whole number from 1`);
  if (task.cron) task.payload.parse(task.cron.payload);
  return task;
}

function assertWhole(
  task: Task,
  key: 'maxAttempts' | 'retryDelaySeconds' | 'timeoutSeconds',
  min: number,
  max: number,
) {
  const value = task[key];
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`Task ${task.name}: ${key} must be a whole number from ${min} to ${max}`);
}

/** The engine's per-job options that follow from a task: retries with exponential backoff, the run timeout. */
export const retryOptions = (task: Task) => ({
  retryLimit: task.maxAttempts - 1,
  retryDelay: task.retryDelaySeconds,
  retryBackoff: true,
  expireInSeconds: task.timeoutSeconds,
});

/**
 * The job id a job key stands for: the same task and key always give the same UUID, so a second
 * enqueue of a key meets the first job's row and inserts nothing (RFC 9562 version 8 layout).
 */
export function jobIdForKey(task: Pick<Task, 'name'>, jobKey: string): string {
  const bytes = createHash('sha256').update(task.name).update('\0').update(jobKey).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Where a refused payload went wrong, without its values (they may be secrets). */
export const payloadProblems = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.code}`).join('; ');
