import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from './logger.ts';

/**
 * Applies committed Prisma-layout migrations (`<dir>/<timestamp>_<name>/migration.sql`) the way
 * `prisma migrate deploy` would, without Prisma's native schema engine:
 * - one PostgreSQL advisory lock per database (the same key Prisma uses), so concurrent starters
 *   (replicas, a parallel `prisma migrate deploy`) apply each migration once;
 * - each migration and its `_prisma_migrations` record commit in one transaction, so a failing
 *   migration leaves neither a half-applied schema nor a record;
 * - records carry Prisma's checksum (SHA-256 of the file), so Prisma's CLI accepts the history;
 * - an applied migration whose file changed afterwards stops start-up instead of being ignored.
 */
export const prismaAdvisoryLockKey = 72707369;

const createHistoryTable = /* SQL */ `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function applyMigrations(options: {
  databaseUrl: string;
  migrationsDir: string;
  logger?: Logger;
}): Promise<MigrationReport> {
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'codex-migrator' });
  await client.connect();
  // A migration, or the wait for another migrator's lock, may outlast the role's statement_timeout.
  await client.query('SET statement_timeout = 0');
  try {
    await client.query('SELECT pg_advisory_lock($1)', [prismaAdvisoryLockKey]);
    await client.query(createHistoryTable);
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const history = new Map(rows.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const recorded = history.get(migration.name);
      if (recorded) {
        assertRecordMatches(recorded, migration);
        continue;
      }
      await applyOne(client, migration);
      applied.push(migration.name);
      options.logger?.info({ migration: migration.name }, 'migration applied');
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [prismaAdvisoryLockKey]).catch(() => undefined);
    await client.end();
  }
}

function assertRecordMatches(recorded: HistoryRow, migration: MigrationFile) {
  if (recorded.finished_at === null) {
    throw new MigrationError(
      `Migration ${migration.name} is recorded as failed; fix the database and mark it with \`prisma migrate resolve\``,
    );
  }
  if (recorded.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was changed after it was applied; add a new migration instead of editing it`,
    );
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile) {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
