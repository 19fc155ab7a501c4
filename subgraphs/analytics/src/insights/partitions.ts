import { allTenants, withScope } from '@codex/kit';
import { defineTask } from '@codex/kit/job-queue';
import { z } from 'zod';
import { scopeAnalyticsDatabase, type AnalyticsDatabase } from '../db.ts';

/** Months of `events` partitions kept ready ahead of the current UTC month (and looked at behind it). */
export const partitionMonths = { back: 1, ahead: 3 };

/**
 * Creates the monthly partitions of `events` that are missing (prisma/analytics/migrations/
 * *_events_partitioned_by_month): an event of a month without one lands in the default partition,
 * which works but is read by every query. Idempotent; moving caught rows is system work.
 */
export const createEventPartitions = (db: AnalyticsDatabase) =>
  withScope(scopeAnalyticsDatabase(db, allTenants), allTenants, (tx) =>
    tx.$executeRawUnsafe(
      'SELECT analytics_ensure_event_partitions($1::int, $2::int)',
      partitionMonths.back,
      partitionMonths.ahead,
    ),
  );

/** `createEventPartitions` daily, once per slot whatever the number of Analytics replicas. */
export const createEventPartitionsTask = (db: AnalyticsDatabase) =>
  defineTask({
    name: 'analytics.create-event-partitions',
    payload: z.object({}),
    cron: { pattern: '17 3 * * *', payload: {} },
    maxAttempts: 3,
    run: async () => {
      await createEventPartitions(db);
    },
  });
