import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@codex/kit';
import { startEmbeddedPostgres } from '@codex/platform';
import getPort from 'get-port';

/** A throwaway embedded PostgreSQL for tooling runs without MIGRATION_DATABASE_URL. */
export async function withEmbeddedServer<T>(use: (serverUrl: string) => Promise<T>): Promise<T> {
  const clusterDir = await mkdtemp(path.join(tmpdir(), 'codex-migration-pg-'));
  const logger = createLogger({ service: 'migration', level: 'warn' });
  const cluster = await startEmbeddedPostgres({ clusterDir, port: await getPort(), logger });
  try {
    return await use(cluster.adminUrl());
  } finally {
    await cluster.stop();
    await rm(clusterDir, { recursive: true, force: true });
  }
}
