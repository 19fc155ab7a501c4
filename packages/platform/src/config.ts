import { randomBytes } from 'node:crypto';
import {
  booleanSetting,
  ConfigError,
  databaseLimitSettings,
  gatewaySecretSetting,
  defaultPorts,
  loadConfig,
  metricsTokenSetting,
  portSetting,
  postgresUrlSetting,
  runtimeSettings,
  settingPrefix,
  subgraphNames,
  type SubgraphName,
} from '@codex/kit';
import { z } from 'zod';

const databaseUrlSettings = Object.fromEntries(
  subgraphNames.map((name) => [`${settingPrefix(name)}_DATABASE_URL`, postgresUrlSetting().optional()]),
);
const subgraphPortSettings = Object.fromEntries(
  subgraphNames.map((name) => [`${settingPrefix(name)}_PORT`, portSetting(defaultPorts[name])]),
);

const platformSettings = z.object({
  ...runtimeSettings,
  PORT: portSetting(defaultPorts.gateway),
  ...subgraphPortSettings,
  ...databaseUrlSettings,
  EMBEDDED_POSTGRES_PORT: portSetting(54329),
  EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres'),
  SEED_DEMO: booleanSetting(true),
  /** Unset: a random secret for this run (the runner starts every process that needs it). */
  GATEWAY_SECRET: gatewaySecretSetting().optional(),
  /** Unset: kept with the embedded cluster (or random per run with external databases). */
  AUTH_KEY_ENCRYPTION_SECRET: gatewaySecretSetting().optional(),
  /** Handed to the gateway and every subgraph: bearer token for their /metrics. */
  METRICS_TOKEN: metricsTokenSetting(),
  /** Unset (and not production): the runner starts its own SMTP catcher and Auth sends there. */
  SMTP_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  /** The console's address in mails' links; unset: the gateway's local address. */
  PUBLIC_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  /** Set on the embedded cluster's app role and handed to every subgraph's pool. */
  ...databaseLimitSettings,
});

export type DatabaseSource =
  | { kind: 'embedded'; port: number; clusterDir: string }
  | { kind: 'external'; urls: Record<SubgraphName, string> };

/**
 * With no *_DATABASE_URL set, the platform runs its own embedded PostgreSQL; with all five set it
 * uses them. Demo data is seeded only on the embedded default and never with NODE_ENV=production.
 */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(platformSettings, env) as z.infer<typeof platformSettings> & Record<string, unknown>;
  const urls = Object.fromEntries(subgraphNames.map((name) => [name, config[`${settingPrefix(name)}_DATABASE_URL`]]));
  const missing = subgraphNames.filter((name) => !urls[name]).map((name) => `${settingPrefix(name)}_DATABASE_URL`);
  if (missing.length > 0 && missing.length < subgraphNames.length) {
    throw new ConfigError(
      `Invalid setting ${missing[0]}: set all five *_DATABASE_URL settings or none (missing: ${missing.join(', ')})`,
    );
  }
  const database: DatabaseSource =
    missing.length === 0
      ? { kind: 'external', urls: urls as Record<SubgraphName, string> }
      : { kind: 'embedded', port: config.EMBEDDED_POSTGRES_PORT, clusterDir: config.EMBEDDED_POSTGRES_DIR };
  return {
    nodeEnv: config.NODE_ENV,
    logLevel: config.LOG_LEVEL,
    logFormat: config.LOG_FORMAT,
    host: config.HOST,
    gatewayPort: config.PORT,
    subgraphPorts: Object.fromEntries(
      subgraphNames.map((name) => [name, config[`${settingPrefix(name)}_PORT`]]),
    ) as Record<SubgraphName, number>,
    database,
    seedDemo: database.kind === 'embedded' && config.SEED_DEMO && config.NODE_ENV !== 'production',
    gatewaySecret: config.GATEWAY_SECRET ?? randomBytes(32).toString('base64url'),
    authKeyEncryptionSecret: config.AUTH_KEY_ENCRYPTION_SECRET,
    metricsToken: config.METRICS_TOKEN ?? null,
    /**
     * Start the embedded SMTP catcher: no SMTP server configured, and outside production or on the
     * embedded database (a machine-local platform, as the benches run it with NODE_ENV=production).
     */
    mailCatcher: !config.SMTP_URL && (database.kind === 'embedded' || config.NODE_ENV !== 'production'),
    publicUrl: config.PUBLIC_URL ?? null,
    databaseLimits: {
      poolMax: config.DATABASE_POOL_MAX,
      poolTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  };
}
export type PlatformConfig = ReturnType<typeof loadPlatformConfig>;
