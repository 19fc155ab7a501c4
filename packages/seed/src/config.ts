import { parseArgs } from 'node:util';
import {
  ConfigError,
  loadConfig,
  runtimeSettings,
  portSetting,
  postgresUrlSetting,
  settingPrefix,
  subgraphNames,
  type SubgraphName,
} from '@codex/kit';
import { z } from 'zod';

/** The same database settings as `npm start` (packages/platform/src/config.ts): five URLs or none. */
const environmentSettings = z.object({
  ...Object.fromEntries(
    subgraphNames.map((name) => [`${settingPrefix(name)}_DATABASE_URL`, postgresUrlSetting().optional()]),
  ),
  EMBEDDED_POSTGRES_PORT: portSetting(54329),
  EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres'),
  LOG_LEVEL: runtimeSettings.LOG_LEVEL.default('warn'),
});

const argumentSettings = z.object({
  scale: z.coerce.number().positive().max(10).default(1),
  /** Default: 1,000 × scale (at least 1). */
  tenants: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Default: 20,000 × scale; at most one per customer (100,000 × scale). The billing bench asks for 100,000. */
  subscriptions: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** The day the data is "as of" (YYYY-MM-DD); default today (UTC). Same day and options → same rows. */
  anchor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    // Its events happen before it, and the analytics database refuses events from the future.
    .refine((day) => day <= new Date().toISOString().slice(0, 10), 'must not be after today (UTC)')
    .optional(),
  reset: z.boolean().default(false),
});

export type DatabaseTarget =
  | { kind: 'embedded'; port: number; clusterDir: string }
  | { kind: 'external'; urls: Record<SubgraphName, string> };

export interface SeedOptions {
  scale: number;
  tenants: number;
  /** Subscriptions in all (null: the target scale's, 20,000 × scale). */
  subscriptions?: number | null;
  anchor: Date;
  reset: boolean;
}

export const usage =
  'usage: npm run seed:scale [-- --scale 1] [--tenants 1000] [--subscriptions 20000] [--anchor YYYY-MM-DD] [--reset]';

/** Validates the command line and the environment once; a bad value is a one-line ConfigError naming it. */
export function loadSeedConfig(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { options: SeedOptions; target: DatabaseTarget; logLevel: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        scale: { type: 'string' },
        tenants: { type: 'string' },
        subscriptions: { type: 'string' },
        anchor: { type: 'string' },
        reset: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n${usage}`);
  }
  const parsed = argumentSettings.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid option --${issue?.path.join('.')}: ${issue?.message}\n${usage}`);
  }
  const { scale, tenants, subscriptions, anchor, reset } = parsed.data;
  const today = new Date();
  const options: SeedOptions = {
    scale,
    tenants: tenants ?? Math.max(1, Math.round(1000 * scale)),
    subscriptions: subscriptions ?? null,
    anchor: anchor
      ? new Date(`${anchor}T00:00:00Z`)
      : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())),
    reset,
  };
  const settings = loadConfig(environmentSettings, env);
  return {
    options,
    target: databaseTarget(settings as Record<string, string | number | undefined>),
    logLevel: settings.LOG_LEVEL,
  };
}

function databaseTarget(config: Record<string, string | number | undefined>): DatabaseTarget {
  const urls = Object.fromEntries(subgraphNames.map((name) => [name, config[`${settingPrefix(name)}_DATABASE_URL`]]));
  const missing = subgraphNames.filter((name) => !urls[name]).map((name) => `${settingPrefix(name)}_DATABASE_URL`);
  if (missing.length === 0) return { kind: 'external', urls: urls as Record<SubgraphName, string> };
  if (missing.length < subgraphNames.length) {
    throw new ConfigError(
      `Invalid setting ${missing[0]}: set all five *_DATABASE_URL settings or none (missing: ${missing.join(', ')})`,
    );
  }
  return {
    kind: 'embedded',
    port: Number(config.EMBEDDED_POSTGRES_PORT),
    clusterDir: String(config.EMBEDDED_POSTGRES_DIR),
  };
}
