import { ConfigError, createLogger, StartupError } from '@codex/kit';
import { loadSeedConfig } from './config.ts';
import { openTarget } from './databases.ts';
import { createProgress } from './progress.ts';
import { seedScale, SeedRefusedError } from './seed.ts';

/** `npm run seed:scale [-- --scale 1 --tenants 1000 --reset]`: see packages/seed/README.md. */
async function main() {
  const { options, target, logLevel } = loadSeedConfig(process.argv.slice(2));
  // Quiet by default: the progress lines are the output; LOG_LEVEL=debug shows PostgreSQL's log.
  const logger = createLogger({ service: 'scale-seed', level: logLevel });
  const databases = await openTarget(target, logger);
  try {
    await seedScale(databases.urls, options, createProgress(), logger);
  } finally {
    await databases.release();
  }
}

main().catch((error: unknown) => {
  const expected = error instanceof ConfigError || error instanceof StartupError || error instanceof SeedRefusedError;
  process.stderr.write(
    expected ? `${(error as Error).message}\n` : `scale seed failed: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exitCode = 1;
});
