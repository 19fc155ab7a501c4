import { z } from 'zod';
import { defineTask } from './job-task.ts';
import type { SubgraphName } from './services.ts';
import { allTenants, type ScopableClient, withScope } from './tenant-scope.ts';

/** Rows per delete: each batch is its own short transaction, well inside the statement timeout. */
const batchSize = 1000;

const deleteOldEventsSql = `DELETE FROM "domain_events"
  WHERE "seq" IN (SELECT "seq" FROM "domain_events" WHERE "occurred_at" < $1::timestamptz ORDER BY "seq" LIMIT $2)`;

/** A transaction of any service's client: `TransactionClient` cannot be worked out for the kit's `ScopableClient`. */
type RawStatements = Pick<ScopableClient, '$executeRawUnsafe'>;

/**
 * Deletes the outbox rows older than `retentionDays` at `now`, in batches, as system work over
 * every tenant. Consumers that fall further behind than the retention miss what was pruned.
 */
export async function pruneDomainEvents(db: ScopableClient, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  let total = 0;
  for (;;) {
    const deleted: number = await withScope(db, allTenants, async (tx) =>
      (tx as unknown as RawStatements).$executeRawUnsafe(deleteOldEventsSql, cutoff, batchSize),
    );
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** `pruneDomainEvents` every hour, once per slot whatever the number of replicas; every service runs one. */
export const domainEventsRetentionTask = (service: SubgraphName, db: ScopableClient, retentionDays: number) =>
  defineTask({
    name: `${service}.prune-domain-events`,
    payload: z.object({}),
    cron: { pattern: '7 * * * *', payload: {} },
    maxAttempts: 3,
    timeoutSeconds: 600,
    run: async (_payload, { now, logger }) => {
      const deleted = await pruneDomainEvents(db, retentionDays, now);
      logger.info({ deleted, retentionDays }, 'domain events past their retention pruned');
    },
  });
