import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations, MigrationError, readMigrations, subgraphNames } from '@codex/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, query } from './support/scratch-database.ts';

const migrationsOf = (service: string) => fileURLToPath(new URL(`../prisma/${service}/migrations`, import.meta.url));

async function migrationsDir(migrations: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'codex-migrations-'));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function scratch() {
  const database = await createScratchDatabase();
  cleanups.push(database.drop);
  return database.url;
}

describe('migrator', () => {
  it.each(subgraphNames)(
    'applies every committed %s migration to an empty database, then nothing on a second run',
    async (service) => {
      const url = await scratch();
      const committed = await readMigrations(migrationsOf(service));
      expect(committed.length).toBeGreaterThan(0);

      const first = await applyMigrations({ databaseUrl: url, migrationsDir: migrationsOf(service) });
      expect(first.applied).toEqual(committed.map((m) => m.name));
      const second = await applyMigrations({ databaseUrl: url, migrationsDir: migrationsOf(service) });
      expect(second).toEqual({ applied: [], alreadyApplied: committed.length });
    },
  );

  it('records migrations the way Prisma does: name, SHA-256 checksum of the file, finished, one step', async () => {
    const url = await scratch();
    const sql = 'CREATE TABLE widget (id int primary key);\n';
    await applyMigrations({ databaseUrl: url, migrationsDir: await migrationsDir({ '20260101000000_widget': sql }) });
    const rows = await query(
      url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations',
    );
    expect(rows).toEqual([
      {
        migration_name: '20260101000000_widget',
        checksum: createHash('sha256').update(sql).digest('hex'),
        finished_at: expect.any(Date),
        applied_steps_count: 1,
        rolled_back_at: null,
      },
    ]);
  });

  it('applies each migration once when several processes migrate the same database at the same time', async () => {
    const url = await scratch();
    const dir = await migrationsDir({
      '20260101000000_a': 'CREATE TABLE a (id int primary key); SELECT pg_sleep(0.2);',
      '20260101000001_b': 'CREATE TABLE b (id int primary key);',
    });
    const reports = await Promise.all(
      Array.from({ length: 4 }, () => applyMigrations({ databaseUrl: url, migrationsDir: dir })),
    );
    expect(reports.flatMap((report) => report.applied).sort()).toEqual(['20260101000000_a', '20260101000001_b']);
    const rows = await query<{ count: string }>(url, 'SELECT count(*) FROM _prisma_migrations');
    expect(Number(rows[0]?.count)).toBe(2);
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const url = await scratch();
    const dir = await migrationsDir({
      '20260101000000_ok': 'CREATE TABLE ok (id int primary key);',
      '20260101000001_broken': 'CREATE TABLE half (id int primary key); INSERT INTO missing_table VALUES (1);',
    });
    await expect(applyMigrations({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(
      /20260101000001_broken failed and was rolled back/,
    );
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'ok']);
    const names = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations');
    expect(names.map((n) => n.migration_name)).toEqual(['20260101000000_ok']);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const url = await scratch();
    const name = '20260101000000_widget';
    await applyMigrations({
      databaseUrl: url,
      migrationsDir: await migrationsDir({ [name]: 'CREATE TABLE widget (id int);' }),
    });
    const edited = await migrationsDir({ [name]: 'CREATE TABLE widget (id bigint);' });
    const failure = applyMigrations({ databaseUrl: url, migrationsDir: edited });
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(/was changed after it was applied/);
  });
});
