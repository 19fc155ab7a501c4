import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { databaseStatements, observePool } from './metrics.ts';

/**
 * The driver adapter every service's Prisma client runs on: a pg pool whose statements are counted
 * (codex_db_statement_duration_seconds: how many, how long) and whose use is reported at /metrics. One per process.
 */
export function createDatabaseAdapter(connectionString: string): PrismaPg {
  const pool = new pg.Pool({ connectionString });
  pool.on('connect', (client) => {
    const send = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const stopTimer = databaseStatements.startTimer();
      const sent = send(...args);
      if (sent instanceof Promise)
        sent.then(
          () => stopTimer(),
          () => stopTimer(),
        );
      else stopTimer();
      return sent;
    };
  });
  observePool(pool);
  return new PrismaPg(pool, { disposeExternalPool: true });
}
