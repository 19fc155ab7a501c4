import { createJobQueue } from '@codex/kit/job-queue';
import { crashTask, quickSettings, quietLogger } from './job-queues.ts';

/**
 * A worker process for tests/job-queue.test.ts to kill mid-job: it takes `test.crash` jobs from
 * JOB_DATABASE_URL, says `started <jobId>` on stdout and never finishes them.
 */
const queue = createJobQueue({
  databaseUrl: process.env.JOB_DATABASE_URL ?? '',
  tasks: [
    crashTask(async (_payload, { jobId }) => {
      process.stdout.write(`started ${jobId}\n`);
      await new Promise(() => undefined);
    }),
  ],
  logger: quietLogger(),
  settings: quickSettings,
});
await queue.start();
process.stdout.write('ready\n');
