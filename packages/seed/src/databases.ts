import { fileURLToPath } from 'node:url';
import {
  applyMigrations,
  assertPortFree,
  StartupError,
  subgraphNames,
  type Logger,
  type SubgraphName,
} from '@codex/kit';
import { startEmbeddedDatabases } from '@codex/platform';
import pg from 'pg';
import type { DatabaseTarget } from './config.ts';

export interface SeedTarget {
  urls: Record<SubgraphName, string>;
  /** Stops the embedded cluster this run started (nothing for configured URLs). */
  release: () => Promise<void>;
}

const migrationsDir = (service: SubgraphName) =>
  fileURLToPath(new URL(`../../../prisma/${service}/migrations`, import.meta.url));

/**
 * The databases `npm start` would use. The embedded cluster is started here like the platform
 * does, which needs its port free: a running platform holds it, and seeding under a running
 * platform would lock its tables for minutes, so that case is refused with one line.
 */
export async function openTarget(target: DatabaseTarget, logger: Logger): Promise<SeedTarget> {
  if (target.kind === 'external') return { urls: target.urls, release: async () => undefined };
  try {
    await assertPortFree(target.port, '127.0.0.1', 'EMBEDDED_POSTGRES_PORT');
  } catch {
    throw new StartupError(
      `Port ${target.port} is in use: stop the platform (npm start) before seeding its embedded PostgreSQL, or set EMBEDDED_POSTGRES_PORT/*_DATABASE_URL`,
    );
  }
  const { cluster, urls } = await startEmbeddedDatabases(target.clusterDir, target.port, logger);
  return { urls, release: () => cluster.stop() };
}

/** Fresh clones work without `npm start` having run: every committed migration first. */
export async function migrateAll(urls: Record<SubgraphName, string>, logger: Logger): Promise<void> {
  for (const service of subgraphNames) {
    await applyMigrations({ databaseUrl: urls[service], migrationsDir: migrationsDir(service), logger });
  }
}

/**
 * A loading connection that may read and write every tenant's rows: the services' role with the
 * row-level-security escape hatch the policies define (`app.all_tenants`), session-wide because a
 * load spans many statements (COPY itself also needs FORCE lifted, see copy.ts). Commits are
 * asynchronous: a crash loses at most the last moments of a load that is rerun with --reset anyway.
 */
export async function connectForLoad(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'codex-scale-seed' });
  await client.connect();
  await client.query(`SELECT set_config('app.all_tenants', 'on', false)`);
  await client.query(`SET synchronous_commit = off`);
  // Rebuilds run for minutes: lift the role's per-request statement_timeout for this session.
  await client.query(`SET statement_timeout = 0`);
  // The stats rebuilds and rollups aggregate millions of rows: with the 4MB default they sort on disk.
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  return client;
}
