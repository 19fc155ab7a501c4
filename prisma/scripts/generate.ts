/**
 * Writes the shared blocks (prisma/shared/*.prisma) into each schema, then generates per subgraph the
 * Prisma 7 client (into subgraphs/<svc>/src/generated/prisma), `generated/column-limits.ts` and
 * `generated/tenant-keys.ts`.
 * Runs as the root `postinstall`: needs no database and no environment. Prisma 7 looks for native
 * engines it does not use with the `prisma-client` generator; pointing the variables at any existing
 * file (the node binary) stops it from trying to download them.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { columnLimitsModule, readColumnLimits } from '../src/column-limits.ts';
import { prismaRoot, schemaPath, type Service, services } from '../src/services.ts';
import { withSharedBlocks } from '../src/shared-blocks.ts';
import { readTenantKeys, tenantKeysModule } from '../src/tenant-keys.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const prismaCli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

/** Brings the schema's shared blocks up to date (written only when they changed) and emits its column limits and tenant keys. */
async function writeSchemaParts(service: Service) {
  const schema = await readFile(schemaPath(service), 'utf8');
  const current = withSharedBlocks(schema);
  if (current !== schema) await writeFile(schemaPath(service), current);
  const generated = path.join(prismaRoot, '..', 'subgraphs', service, 'src', 'generated');
  await mkdir(generated, { recursive: true });
  await writeFile(path.join(generated, 'column-limits.ts'), columnLimitsModule(service, readColumnLimits(current)));
  await writeFile(path.join(generated, 'tenant-keys.ts'), tenantKeysModule(service, readTenantKeys(current)));
}

const started = performance.now();
await Promise.all(services.map(writeSchemaParts));
const results = await Promise.allSettled(
  services.map((service) =>
    run(process.execPath, [prismaCli, 'generate', '--schema', schemaPath(service)], { cwd: prismaRoot, env }),
  ),
);
let failed = false;
results.forEach((result, index) => {
  if (result.status === 'rejected') {
    failed = true;
    const error = result.reason as { stdout?: string; stderr?: string; message: string };
    console.error(`prisma generate ${services[index]} failed:\n${error.stderr || error.stdout || error.message}`);
  }
});
if (failed) process.exit(1);
console.log(`generated ${services.length} Prisma clients in ${Math.round(performance.now() - started)} ms`);
