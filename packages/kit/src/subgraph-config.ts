import { z } from 'zod';
import {
  booleanSetting,
  databaseLimitSettings,
  gatewaySecretSetting,
  loadConfig,
  metricsTokenSetting,
  portSetting,
  postgresUrlSetting,
  runtimeSettings,
} from './config.ts';
import { defaultJobQueueSettings } from './job-queue.ts';
import { defaultPorts, settingPrefix, type SubgraphName } from './services.ts';

/** The service's background jobs (README "Background jobs"). */
const jobSettings = {
  JOBS_WORKER: booleanSetting(defaultJobQueueSettings.worker),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(defaultJobQueueSettings.concurrency),
  JOBS_POOL_MAX: z.coerce.number().int().min(1).max(100).default(defaultJobQueueSettings.poolMax),
};

/** An explicit 'true'/'false' wins; unset or empty means "in production only". */
const requiredUnlessOff = (value: unknown, nodeEnv: string) =>
  value === 'true' || ((value === undefined || value === '') && nodeEnv === 'production');

/** The settings every subgraph process reads, under its own prefix (CRM_PORT, CRM_DATABASE_URL…). */
export function loadSubgraphConfig(service: SubgraphName, env: NodeJS.ProcessEnv = process.env) {
  const prefix = settingPrefix(service);
  const schema = z.object({
    ...runtimeSettings,
    [`${prefix}_PORT`]: portSetting(defaultPorts[service]),
    [`${prefix}_DATABASE_URL`]: postgresUrlSetting(),
    MIGRATE_ON_START: booleanSetting(true),
    SEED_DEMO: booleanSetting(false),
    GATEWAY_SECRET: gatewaySecretSetting(),
    METRICS_TOKEN: metricsTokenSetting(),
    ...databaseLimitSettings,
    ...jobSettings,
    // Auth only: encrypts its signing keys at rest; must stay the same across restarts.
    ...(service === 'auth' ? { AUTH_KEY_ENCRYPTION_SECRET: gatewaySecretSetting() } : {}),
    // Auth only: SUPERADMINs must sign in with a second factor (unset: required when NODE_ENV=production).
    ...(service === 'auth' ? { AUTH_MFA_REQUIRED_FOR_SUPERADMINS: z.enum(['true', 'false', '']).optional() } : {}),
    // Billing only: where it asks CRM whether a customer exists in the caller's tenant.
    ...(service === 'billing'
      ? { CRM_SUBGRAPH_URL: z.url({ message: 'must be the CRM subgraph URL, e.g. http://crm:4002/graphql' }) }
      : {}),
    // CRM only: where it asks Auth whether a lead's assignee is a user of the lead's tenant.
    ...(service === 'crm'
      ? { AUTH_SUBGRAPH_URL: z.url({ message: 'must be the Auth subgraph URL, e.g. http://auth:4001/graphql' }) }
      : {}),
  });
  const config = loadConfig(schema, env) as z.infer<typeof schema> & Record<string, unknown>;
  return {
    nodeEnv: config.NODE_ENV,
    logLevel: config.LOG_LEVEL,
    logFormat: config.LOG_FORMAT,
    exposeErrorStacks: config.EXPOSE_ERROR_STACKS,
    host: config.HOST,
    port: config[`${prefix}_PORT`] as number,
    portSetting: `${prefix}_PORT`,
    databaseUrl: config[`${prefix}_DATABASE_URL`] as string,
    migrateOnStart: config.MIGRATE_ON_START,
    seedDemo: config.SEED_DEMO,
    gatewaySecret: config.GATEWAY_SECRET,
    metricsToken: config.METRICS_TOKEN ?? null,
    databaseLimits: {
      poolMax: config.DATABASE_POOL_MAX,
      poolTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    jobs: {
      worker: config.JOBS_WORKER,
      concurrency: config.JOBS_CONCURRENCY,
      poolMax: config.JOBS_POOL_MAX,
    },
    keyEncryptionSecret: (config.AUTH_KEY_ENCRYPTION_SECRET as string | undefined) ?? null,
    mfaRequiredForSuperadmins: requiredUnlessOff(config.AUTH_MFA_REQUIRED_FOR_SUPERADMINS, config.NODE_ENV),
    crmSubgraphUrl: (config.CRM_SUBGRAPH_URL as string | undefined) ?? null,
    authSubgraphUrl: (config.AUTH_SUBGRAPH_URL as string | undefined) ?? null,
  };
}
export type SubgraphConfig = ReturnType<typeof loadSubgraphConfig>;
