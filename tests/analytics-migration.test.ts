import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from '@codex/kit';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, query } from './support/scratch-database.ts';

/**
 * The idempotency-key migration on a database that already holds events from before it: every
 * stored event's key is claimed (the earliest event of a key wins), demo purchases get their
 * customer, and the `events.count` rollups are rebuilt from the events, as ingestion keeps them.
 */
const migrations = fileURLToPath(new URL('../prisma/analytics/migrations', import.meta.url));
const backfill = '20261123123715_idempotency_keys_rls_and_rollup_backfill';
const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

/** The committed migrations before `backfill`, copied as they are (same checksums). */
async function migrationsBefore(name: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'analytics-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const entry of (await readdir(migrations)).filter((entry) => /^\d/.test(entry) && entry < name)) {
    await cp(path.join(migrations, entry), path.join(dir, entry), { recursive: true });
  }
  await cp(path.join(migrations, 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'));
  return dir;
}

describe('analytics idempotency-key migration', () => {
  it('claims the keys of existing events, fills customer ids and rebuilds the rollups from the events', async () => {
    const database = await createScratchDatabase();
    cleanups.push(database.drop);
    await applyMigrations({ databaseUrl: database.url, migrationsDir: await migrationsBefore(backfill) });
    const tenant = '11111111-1111-4111-8111-111111111111';
    const customer = '22222222-2222-4222-8222-222222222222';
    await query(
      database.url,
      `INSERT INTO events (tenant_id, occurred_at, idempotency_key, name, data) VALUES
         ($1, '2026-11-20T10:15:00Z', 'a', 'page_view', '{}'),
         ($1, '2026-11-20T10:45:00Z', 'b', 'purchase', jsonb_build_object('customerId', $2::text)),
         ($1, '2026-11-20T11:05:00Z', 'c', 'page_view', '{}'),
         ($1, '2026-11-21T09:00:00Z', 'c', 'page_view', '{}')`,
      [tenant, customer],
    );
    await query(
      database.url,
      `INSERT INTO metric_rollups (tenant_id, metric, granularity, period_start, value) VALUES ($1, 'events.count', 'DAY', '2026-11-20', 99)`,
      [tenant],
    );

    const report = await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations });
    expect(report.applied).toContain(backfill);

    const keys = await query<{ idempotency_key: string; occurred_at: Date }>(
      database.url,
      'SELECT idempotency_key, occurred_at FROM event_idempotency_keys ORDER BY 1',
    );
    expect(keys.map((key) => [key.idempotency_key, key.occurred_at.toISOString()])).toEqual([
      ['a', '2026-11-20T10:15:00.000Z'],
      ['b', '2026-11-20T10:45:00.000Z'],
      ['c', '2026-11-20T11:05:00.000Z'],
    ]);
    expect(await query(database.url, 'SELECT name, customer_id FROM events WHERE customer_id IS NOT NULL')).toEqual([
      { name: 'purchase', customer_id: customer },
    ]);
    const rollups = await query<{
      granularity: string;
      period: string;
      value: string;
      dimensions: object;
      hash: string;
    }>(
      database.url,
      `SELECT granularity, to_char(period_start AT TIME ZONE 'UTC', 'MM-DD HH24') AS period, value::int::text AS value, dimensions,
              dimensions_hash = (CASE WHEN dimensions = '{}'::jsonb THEN '' ELSE md5(dimensions::text) END) AS hash
       FROM metric_rollups`,
    );
    const expected = [
      { granularity: 'HOUR', period: '11-20 10', value: '1', dimensions: { name: 'page_view' }, hash: true },
      { granularity: 'HOUR', period: '11-20 10', value: '1', dimensions: { name: 'purchase' }, hash: true },
      { granularity: 'HOUR', period: '11-20 10', value: '2', dimensions: {}, hash: true },
      { granularity: 'HOUR', period: '11-20 11', value: '1', dimensions: { name: 'page_view' }, hash: true },
      { granularity: 'HOUR', period: '11-20 11', value: '1', dimensions: {}, hash: true },
      { granularity: 'HOUR', period: '11-21 09', value: '1', dimensions: { name: 'page_view' }, hash: true },
      { granularity: 'HOUR', period: '11-21 09', value: '1', dimensions: {}, hash: true },
      { granularity: 'DAY', period: '11-20 00', value: '2', dimensions: { name: 'page_view' }, hash: true },
      { granularity: 'DAY', period: '11-20 00', value: '1', dimensions: { name: 'purchase' }, hash: true },
      { granularity: 'DAY', period: '11-20 00', value: '3', dimensions: {}, hash: true },
      { granularity: 'DAY', period: '11-21 00', value: '1', dimensions: { name: 'page_view' }, hash: true },
      { granularity: 'DAY', period: '11-21 00', value: '1', dimensions: {}, hash: true },
    ];
    expect(rollups).toHaveLength(expected.length);
    expect(rollups).toEqual(expect.arrayContaining(expected));
  });
});
