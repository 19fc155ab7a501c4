import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrationsPath, prismaRoot, schemaPath, type Service } from './services.ts';

/**
 * SQL diffs computed by Prisma 6.19's schema engine in WebAssembly (`prisma-six` alias), because
 * Prisma 7's native schema engine cannot be downloaded. Prisma 6 wants `url` in the datasource
 * block and Prisma 7 forbids it, so the schema is copied with a placeholder url first.
 * The wasm engine works through a driver adapter, which cannot introspect an arbitrary database
 * (`--from-url` is refused): the migrations are replayed into a fresh scratch database instead.
 */
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const prismaSixCli = path.join(path.dirname(require.resolve('prisma-six/package.json')), 'build', 'index.js');
const configPath = path.join(prismaRoot, 'src', 'schema-engine.config.ts');
const emptyMigration = '-- This is an empty migration.';

export type DiffSource = { kind: 'empty' } | { kind: 'migrations' } | { kind: 'schema'; path: string };

/** SQL from `from` to the service's schema.prisma ('' when there is nothing to do). */
export async function diffToSchema(service: Service, from: DiffSource, scratchDatabaseUrl: string): Promise<string> {
  const workDir = await mkdtemp(path.join(tmpdir(), `codex-diff-${service}-`));
  try {
    const toSchema = await writePrismaSixSchema(schemaPath(service), path.join(workDir, 'to.prisma'));
    const fromArgs = await sourceArgs(service, from, workDir);
    const { stdout } = await run(
      process.execPath,
      [
        prismaSixCli,
        'migrate',
        'diff',
        '--config',
        configPath,
        ...fromArgs,
        '--to-schema-datamodel',
        toSchema,
        '--script',
      ],
      { cwd: prismaRoot, env: schemaEngineEnv(scratchDatabaseUrl), maxBuffer: 32 * 1024 * 1024 },
    );
    const sql = stdout.trim();
    return sql === emptyMigration || sql === '' ? '' : `${sql}\n`;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function sourceArgs(service: Service, from: DiffSource, workDir: string): Promise<string[]> {
  switch (from.kind) {
    case 'empty':
      return ['--from-empty'];
    case 'schema':
      return ['--from-schema-datamodel', await writePrismaSixSchema(from.path, path.join(workDir, 'from.prisma'))];
    case 'migrations':
      return (await hasMigrations(service)) ? ['--from-migrations', migrationsPath(service)] : ['--from-empty'];
  }
}

export async function hasMigrations(service: Service): Promise<boolean> {
  const entries = await readdir(migrationsPath(service), { withFileTypes: true }).catch(() => []);
  return entries.some((entry) => entry.isDirectory());
}

async function writePrismaSixSchema(source: string, target: string): Promise<string> {
  const schema = await readFile(source, 'utf8');
  const withUrl = schema.replace(
    /(datasource\s+\w+\s*\{[^}]*provider\s*=\s*"postgresql")/,
    '$1\n  url = "postgresql://prisma-six-placeholder/unused"',
  );
  if (withUrl === schema) throw new Error(`${source}: no postgresql datasource block found`);
  await writeFile(target, withUrl);
  return target;
}

function schemaEngineEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CODEX_SCHEMA_ENGINE_DATABASE_URL: databaseUrl,
    // Prisma 6 insists on locating native engines it will not use with `engine: "js"`.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
}

/**
 * Runs `use` with the URL of a new empty database created on the server of `serverUrl` (whose role
 * needs CREATEDB), and drops it afterwards.
 */
export async function withScratchDatabase<T>(serverUrl: string, use: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `codex_scratch_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: serverUrl, application_name: 'codex-schema-diff' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      return await use(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
