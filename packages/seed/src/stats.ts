import type pg from 'pg';
import type { Progress } from './progress.ts';

/**
 * AFTER triggers on the loaded tables keep other tables up to date (per-tenant stats, counters):
 * firing them per row would cost more than the load, and the rebuild functions recompute the
 * same figures in one pass afterwards. BEFORE ROW triggers stay on: they fill the row's own
 * columns (customers.search_vector), which nothing recomputes later.
 * pg_trigger.tgtype bit 1 (value 2) is BEFORE; internal triggers (foreign keys) are never touched.
 */
async function afterTriggers(
  client: pg.Client,
  tables: readonly string[],
): Promise<{ table: string; trigger: string }[]> {
  const { rows } = await client.query<{ table: string; trigger: string }>(
    `SELECT c.relname AS "table", t.tgname AS "trigger"
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = ANY($1) AND NOT t.tgisinternal AND (t.tgtype & 2) = 0 AND t.tgenabled <> 'D'`,
    [tables],
  );
  return rows;
}

/**
 * Runs `work` in one transaction with the tables' AFTER triggers disabled, enabling them again
 * before COMMIT. ALTER TABLE is transactional: if anything fails, ROLLBACK restores the triggers
 * too, so an interrupted seed never leaves a table without its stats triggers.
 */
export async function inTransactionWithoutStatsTriggers<T>(
  client: pg.Client,
  tables: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    const triggers = await afterTriggers(client, tables);
    const alter = async (state: 'ENABLE' | 'DISABLE') => {
      for (const { table, trigger } of triggers)
        await client.query(
          `ALTER TABLE ${client.escapeIdentifier(table)} ${state} TRIGGER ${client.escapeIdentifier(trigger)}`,
        );
    };
    await alter('DISABLE');
    const result = await work();
    await alter('ENABLE');
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Recomputes the service's trigger-kept figures from its loaded tables: `<service>_rebuild_tenant_stats()`. */
export async function rebuildStats(client: pg.Client, service: string, progress: Progress): Promise<void> {
  const name = `${service}_rebuild_tenant_stats`;
  const started = performance.now();
  await client.query(`SELECT ${name}()`);
  progress.note(`${name}() ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Fresh statistics, so the planner sees millions of rows instead of the empty tables it last saw. */
export async function analyzeTables(client: pg.Client, tables: readonly string[], progress: Progress): Promise<void> {
  const started = performance.now();
  for (const table of tables) await client.query(`ANALYZE ${client.escapeIdentifier(table)}`);
  progress.note(`ANALYZE ${tables.join(', ')} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
