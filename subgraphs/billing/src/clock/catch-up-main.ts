/**
 * `npm run billing:catch-up -- --until <ISO time> [--from <ISO time>] [--tenant <uuid>]`: runs the
 * billing clock day by day up to `--until` (README "The billing clock"). Reads BILLING_DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import { ConfigError, createLogger, loadConfig, postgresUrlSetting, runtimeSettings } from '@codex/kit';
import { z } from 'zod';
import { createBillingDatabase } from '../db.ts';
import { catchUp } from './catch-up.ts';

const usage = 'usage: npm run billing:catch-up -- --until <ISO time> [--from <ISO time>] [--tenant <uuid>]';

const argumentSchema = z.object({
  until: z.coerce.date({ message: 'must be an ISO time, e.g. 2027-03-01T00:00:00Z' }),
  from: z.coerce.date({ message: 'must be an ISO time' }).optional(),
  tenant: z.uuid().optional(),
});

function readArguments() {
  const { values } = parseArgs({
    options: { until: { type: 'string' }, from: { type: 'string' }, tenant: { type: 'string' } },
  });
  const parsed = argumentSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid option --${issue?.path.join('.')}: ${issue?.message}\n${usage}`);
  }
  return parsed.data;
}

async function main() {
  const args = readArguments();
  const env = loadConfig(
    z.object({ BILLING_DATABASE_URL: postgresUrlSetting(), LOG_LEVEL: runtimeSettings.LOG_LEVEL }),
    process.env,
  );
  const logger = createLogger({ service: 'billing-catch-up', level: env.LOG_LEVEL });
  const db = createBillingDatabase(env.BILLING_DATABASE_URL, {
    limits: { poolMax: 6, poolTimeoutMs: 60_000, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 },
  });
  try {
    await catchUp({ db, logger }, args.until, {
      from: args.from ?? null,
      tenantId: args.tenant ?? null,
      onDay: (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
    });
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `${(error as Error).stack}\n`);
  process.exitCode = 1;
});
