import { z } from 'zod';
import {
  booleanSetting,
  ConfigError,
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

/** Auth only: tenant webhooks (README "Webhooks"); the subgraph URLs are where their domain events are read. */
const webhookSettings = {
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: z.enum(['false', 'loopback', 'true']).default('false'),
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOKS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(11),
  WEBHOOKS_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  WEBHOOKS_DISABLE_AFTER_FAILED_DELIVERIES: z.coerce.number().int().min(1).max(1000).default(5),
  WEBHOOKS_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  WEBHOOKS_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
  ...Object.fromEntries(
    (['CRM', 'CMS', 'BILLING', 'ANALYTICS'] as const).map((prefix) => [
      `${prefix}_SUBGRAPH_URL`,
      z.url({ message: `must be the ${prefix} subgraph URL` }).optional(),
    ]),
  ),
};

/** An explicit 'true'/'false' wins; unset or empty means "in production only". */
const requiredUnlessOff = (value: unknown, nodeEnv: string) =>
  value === 'true' || ((value === undefined || value === '') && nodeEnv === 'production');

const optionalUrl = (message: string) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.url({ message }).optional());

/** Auth only: how its mails leave (README "Mail"); SMTP_URL and MAIL_FROM are required in production. */
const mailSettings = {
  SMTP_URL: optionalUrl('must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587'),
  MAIL_FROM: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(3).max(300).optional()),
  PUBLIC_URL: optionalUrl("must be the console's public URL, e.g. https://console.example.com"),
  /** The embedded SMTP catcher's HTTP API (set by the platform runner), read by `mailInbox`. */
  /** The first retry of a mail the SMTP server refused; each further one waits twice as long. */
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Password reset requests per client address and per e-mail address within the login throttle's window. */
  PASSWORD_RESET_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(10),
  PASSWORD_RESET_PER_EMAIL: z.coerce.number().int().min(1).max(1_000_000).default(3),
  MAIL_CATCHER_URL: optionalUrl("must be the mail catcher's HTTP URL"),
};

/** In production a mail must really leave: a missing SMTP_URL or MAIL_FROM stops start-up. */
function requireProductionMail(config: Record<string, unknown>) {
  if (config.NODE_ENV !== 'production') return;
  for (const name of ['SMTP_URL', 'MAIL_FROM'])
    if (!config[name]) throw new ConfigError(`Invalid setting ${name}: required when NODE_ENV=production`);
}

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
    // How long domain events stay in the outbox for consumers that fall behind (README "Domain events").
    DOMAIN_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    // Auth only: encrypts its signing keys at rest; must stay the same across restarts.
    ...(service === 'auth'
      ? { AUTH_KEY_ENCRYPTION_SECRET: gatewaySecretSetting(), ...webhookSettings, ...mailSettings }
      : {}),
    // Auth only: SUPERADMINs must sign in with a second factor (unset: required when NODE_ENV=production).
    ...(service === 'auth' ? { AUTH_MFA_REQUIRED_FOR_SUPERADMINS: z.enum(['true', 'false', '']).optional() } : {}),
    // Billing only: where it asks CRM whether a customer exists in the caller's tenant.
    ...(service === 'billing'
      ? {
          CRM_SUBGRAPH_URL: z.url({ message: 'must be the CRM subgraph URL, e.g. http://crm:4002/graphql' }),
          // When the billing clock ticks (README "The billing clock"): a 5-field cron pattern, or `off`.
          BILLING_CLOCK_CRON: z
            .string()
            .regex(/^(off|\S+( \S+){4})$/, 'must be a 5-field cron pattern (UTC) or off')
            .default('* * * * *'),
        }
      : {}),
    // CRM only: where it asks Auth whether a lead's assignee is a user of the lead's tenant.
    ...(service === 'crm'
      ? { AUTH_SUBGRAPH_URL: z.url({ message: 'must be the Auth subgraph URL, e.g. http://auth:4001/graphql' }) }
      : {}),
  });
  const config = loadConfig(schema, env) as z.infer<typeof schema> & Record<string, unknown>;
  if (service === 'auth') requireProductionMail(config);
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
    domainEventsRetentionDays: config.DOMAIN_EVENTS_RETENTION_DAYS,
    keyEncryptionSecret: (config.AUTH_KEY_ENCRYPTION_SECRET as string | undefined) ?? null,
    mfaRequiredForSuperadmins: requiredUnlessOff(config.AUTH_MFA_REQUIRED_FOR_SUPERADMINS, config.NODE_ENV),
    passwordResetThrottle: {
      perAddress: (config.PASSWORD_RESET_PER_ADDRESS as number | undefined) ?? 10,
      perEmail: (config.PASSWORD_RESET_PER_EMAIL as number | undefined) ?? 3,
    },
    mail: {
      smtpUrl: (config.SMTP_URL as string | undefined) ?? null,
      from: (config.MAIL_FROM as string | undefined) ?? 'Codex Metatron <no-reply@codex.localhost>',
      publicUrl: (config.PUBLIC_URL as string | undefined) ?? 'http://localhost:4000',
      catcherUrl: (config.MAIL_CATCHER_URL as string | undefined) ?? null,
      retryDelaySeconds: (config.MAIL_RETRY_DELAY_SECONDS as number | undefined) ?? 30,
    },
    crmSubgraphUrl: (config.CRM_SUBGRAPH_URL as string | undefined) ?? null,
    billingClockCron: config.BILLING_CLOCK_CRON === 'off' ? null : ((config.BILLING_CLOCK_CRON as string) ?? null),
    authSubgraphUrl: (config.AUTH_SUBGRAPH_URL as string | undefined) ?? null,
    webhooks: service === 'auth' ? webhookConfig(config) : null,
  };
}
export type SubgraphConfig = ReturnType<typeof loadSubgraphConfig>;

/** Auth's webhook settings from its validated config (see webhookSettings). */
function webhookConfig(config: Record<string, unknown>) {
  const url = (prefix: string) => (config[`${prefix}_SUBGRAPH_URL`] as string | undefined) ?? null;
  return {
    allowPrivateNetworks: config.WEBHOOKS_ALLOW_PRIVATE_NETWORKS as 'false' | 'loopback' | 'true',
    timeoutMs: config.WEBHOOKS_TIMEOUT_MS as number,
    maxAttempts: config.WEBHOOKS_MAX_ATTEMPTS as number,
    retryDelaySeconds: config.WEBHOOKS_RETRY_DELAY_SECONDS as number,
    disableAfterFailedDeliveries: config.WEBHOOKS_DISABLE_AFTER_FAILED_DELIVERIES as number,
    concurrency: config.WEBHOOKS_CONCURRENCY as number,
    endpointConcurrency: config.WEBHOOKS_ENDPOINT_CONCURRENCY as number,
    subgraphUrls: { crm: url('CRM'), cms: url('CMS'), billing: url('BILLING'), analytics: url('ANALYTICS') },
  };
}
export type WebhookConfig = ReturnType<typeof webhookConfig>;
