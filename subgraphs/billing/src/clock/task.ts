import { defineTask } from '@codex/kit/job-queue';
import { z } from 'zod';
import type { BillingDatabase } from '../db.ts';
import { runBillingClock } from './run.ts';

/**
 * The billing clock's tick: `runBillingClock` as of the service clock's time, on the cron
 * `pattern` (null: not scheduled, as in the test platform, whose tests drive the clock themselves).
 * One tick at a time per process; ticks of two replicas may overlap and change nothing twice. A
 * failed tick is not retried: the next slot does what it left.
 */
export const billingClockTask = (db: BillingDatabase, pattern: string | null) =>
  defineTask({
    name: 'billing.clock-tick',
    payload: z.object({}),
    ...(pattern ? { cron: { pattern, payload: {} } } : {}),
    concurrency: 1,
    maxAttempts: 1,
    timeoutSeconds: 6 * 60 * 60,
    run: async (_payload, { now, logger }) => {
      const report = await runBillingClock({ db, logger }, now);
      logger.info(report, 'billing clock ran');
    },
  });
