import { randomUUID } from 'node:crypto';
import { createLogger, type Logger } from '@codex/kit';
import { createJobQueue, defineTask, type JobQueue, type JobQueueOptions, type Task } from '@codex/kit/job-queue';
import { z } from 'zod';
import { query } from './scratch-database.ts';

/** Engine intervals short enough for a test: a dead worker's job is retried seconds after its timeout. */
export const quickSettings = {
  pollIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  cronIntervalSeconds: 1,
  stopTimeoutMs: 2000,
};

export const quietLogger = (): Logger => createLogger({ service: 'test-jobs', level: 'silent' });

/** A job queue on `databaseUrl` with test intervals; stopped by `stopAll`. */
export function startedQueues() {
  const queues: JobQueue[] = [];
  return {
    start: async (options: Omit<JobQueueOptions, 'logger'> & { logger?: Logger }) => {
      const queue = createJobQueue({
        logger: quietLogger(),
        ...options,
        settings: { ...quickSettings, ...options.settings },
      });
      queues.push(queue);
      await queue.start();
      return queue;
    },
    stopAll: () => Promise.all(queues.map((queue) => queue.stop())),
  };
}

/**
 * An empty database owned by the services' role (as the platform's are): the job queue installs
 * its schema as that role, neither superuser nor BYPASSRLS.
 */
export async function appRoleScratchDatabase(appDatabaseUrl: string, adminDatabaseUrl: string) {
  const url = new URL(appDatabaseUrl);
  const name = `jobs_${randomUUID().replaceAll('-', '')}`;
  await query(adminDatabaseUrl, `CREATE DATABASE ${name} OWNER "${decodeURIComponent(url.username)}"`);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => void (await query(adminDatabaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** The task a killed worker was running; its job is retried 5 s after it started, once a worker sees it. */
export const crashTask = (run: Task['run']): Task =>
  defineTask({ name: 'test.crash', payload: z.object({ n: z.number() }), timeoutSeconds: 5, maxAttempts: 3, run });
