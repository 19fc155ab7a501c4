import { randomBytes } from 'node:crypto';
import { assertPortFree, databaseName, settingPrefix, subgraphNames, type Logger, type SubgraphName } from '@codex/kit';
import type { PlatformConfig } from './config.ts';
import { ensureAppRole, ensureDatabases, type RoleTimeouts } from './databases.ts';
import { clusterSecret, startEmbeddedPostgres, type EmbeddedCluster } from './embedded-postgres.ts';
import { type MailCatcher, startMailCatcher } from './mail-catcher.ts';
import { serviceNodeArgs, spawnService, waitUntilReady, type ServiceProcess } from './service-process.ts';

export interface Platform {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** What the subgraphs connect with: the app role (subject to row-level security). */
  databaseUrls: Record<SubgraphName, string>;
  /** Superuser URL of the embedded cluster's `postgres` database (tools, scratch databases); null with configured URLs. */
  adminUrl: string | null;
  services: Record<SubgraphName | 'gateway', ServiceProcess>;
  /** The embedded SMTP catcher Auth sends to (null with SMTP_URL or in production). */
  mailCatcher: MailCatcher | null;
  /** Stops the gateway, then the subgraphs, then the embedded PostgreSQL (when it started one). */
  stop: () => Promise<void>;
}

export interface PlatformOptions {
  /** Show the services' logs (a person at a terminal) or keep them for error reports (tests). */
  output: 'inherit' | 'capture';
  startTimeoutMs?: number;
  /** Node's own flags for each subgraph process (a bench's `--cpu-prof`). */
  subgraphNodeArgs?: string[];
}

/** Every port is checked before anything starts, so a clash is one clear line and no clean-up. */
async function assertPortsFree(config: PlatformConfig) {
  await assertPortFree(config.gatewayPort, config.host, 'PORT');
  for (const name of subgraphNames) {
    await assertPortFree(config.subgraphPorts[name], config.host, `${settingPrefix(name)}_PORT`);
  }
}

const localUrl = (port: number, path: string) => `http://localhost:${port}${path}`;

/**
 * The embedded cluster with the app role and the five databases it owns, and the app role's URL of
 * each (what the services, and the scale seeder, connect with).
 */
export async function startEmbeddedDatabases(
  clusterDir: string,
  port: number,
  logger: Logger,
  timeouts?: RoleTimeouts,
) {
  const cluster = await startEmbeddedPostgres({ clusterDir, port, logger });
  try {
    await ensureAppRole(cluster.adminUrl(), cluster.appRole, timeouts);
    await ensureDatabases(cluster.adminUrl(), subgraphNames.map(databaseName), cluster.appRole.name);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const urls = Object.fromEntries(subgraphNames.map((name) => [name, cluster.appUrl(databaseName(name))])) as Record<
    SubgraphName,
    string
  >;
  return { cluster, urls };
}

/**
 * Configured URLs are used as they are: their role must be neither superuser nor BYPASSRLS (see
 * docker/postgres/create-databases.sql). The embedded cluster gets an app role that owns the five
 * databases; the superuser URL stays here and is never handed to a service.
 */
async function provideDatabases(config: PlatformConfig, logger: Logger) {
  if (config.database.kind === 'external') {
    return {
      urls: config.database.urls,
      cluster: null,
      authKeySecret: config.authKeyEncryptionSecret ?? randomBytes(32).toString('base64url'),
    };
  }
  const { cluster, urls } = await startEmbeddedDatabases(
    config.database.clusterDir,
    config.database.port,
    logger,
    config.databaseLimits,
  );
  // Kept with the cluster: Auth's signing keys at rest stay readable across restarts.
  const authKeySecret =
    config.authKeyEncryptionSecret ??
    (await clusterSecret(config.database.clusterDir, 'auth-key-encryption-secret', 32));
  return { urls, cluster, authKeySecret };
}

/**
 * Starts the whole supergraph: databases (embedded or configured), the five subgraphs (each
 * migrates its own database and, in demo mode, seeds it) and the gateway, each its own process,
 * and waits until every one reports ready.
 */
export async function startPlatform(
  config: PlatformConfig,
  logger: Logger,
  options: PlatformOptions,
): Promise<Platform> {
  await assertPortsFree(config);
  const { urls: databaseUrls, cluster, authKeySecret } = await provideDatabases(config, logger);
  const mailCatcher = config.mailCatcher ? await startMailCatcher({ host: '127.0.0.1' }) : null;
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: config.nodeEnv,
    LOG_LEVEL: config.logLevel,
    LOG_FORMAT: config.logFormat,
    HOST: config.host,
    GATEWAY_SECRET: config.gatewaySecret,
    ...(config.metricsToken ? { METRICS_TOKEN: config.metricsToken } : {}),
    ...databaseLimitEnv(config.databaseLimits),
  };
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [name, localUrl(config.subgraphPorts[name], '/graphql')]),
  ) as Record<SubgraphName, string>;

  const services = {} as Record<SubgraphName | 'gateway', ServiceProcess>;
  for (const name of subgraphNames) {
    const prefix = settingPrefix(name);
    services[name] = spawnService({
      name,
      entry: `subgraphs/${name}/src/main.ts`,
      output: options.output,
      nodeArgs: [...serviceNodeArgs, ...(options.subgraphNodeArgs ?? [])],
      env: {
        ...common,
        [`${prefix}_PORT`]: String(config.subgraphPorts[name]),
        [`${prefix}_DATABASE_URL`]: databaseUrls[name],
        SEED_DEMO: String(config.seedDemo),
        ...(name === 'auth'
          ? {
              AUTH_KEY_ENCRYPTION_SECRET: authKeySecret,
              ...webhookEnv(subgraphUrls, cluster),
              ...mailEnv(config, mailCatcher),
            }
          : {}),
        ...(name === 'billing' ? { CRM_SUBGRAPH_URL: subgraphUrls.crm } : {}),
        ...(name === 'crm' ? { AUTH_SUBGRAPH_URL: subgraphUrls.auth } : {}),
      },
    });
  }
  services.gateway = spawnService({
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    output: options.output,
    nodeArgs: serviceNodeArgs,
    env: {
      ...common,
      PORT: String(config.gatewayPort),
      ...Object.fromEntries(subgraphNames.map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, subgraphUrls[name]])),
    },
  });

  const stop = async () => {
    await services.gateway.stop();
    await Promise.all(subgraphNames.map((name) => services[name].stop()));
    await cluster?.stop();
    await mailCatcher?.stop();
  };

  const timeoutMs = options.startTimeoutMs ?? 120_000;
  try {
    await Promise.all([
      ...subgraphNames.map((name) =>
        waitUntilReady(localUrl(config.subgraphPorts[name], '/health/ready'), services[name], timeoutMs),
      ),
      waitUntilReady(localUrl(config.gatewayPort, '/health'), services.gateway, timeoutMs),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: localUrl(config.gatewayPort, '/graphql'),
    subgraphUrls,
    databaseUrls,
    adminUrl: cluster?.adminUrl() ?? null,
    services,
    mailCatcher,
    stop,
  };
}

export type { EmbeddedCluster };

/** The pool and timeout settings every subgraph gets (platform settings win over the runner's environment). */
const databaseLimitEnv = (limits: PlatformConfig['databaseLimits']): NodeJS.ProcessEnv => ({
  DATABASE_POOL_MAX: String(limits.poolMax),
  DATABASE_POOL_TIMEOUT_MS: String(limits.poolTimeoutMs),
  DATABASE_STATEMENT_TIMEOUT_MS: String(limits.statementTimeoutMs),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(limits.idleInTransactionTimeoutMs),
});

/**
 * Auth's webhook dispatcher reads every other subgraph's domain events; on the embedded default
 * (everything on this machine) receivers on loopback are allowed unless the setting says otherwise.
 */
function webhookEnv(subgraphUrls: Record<SubgraphName, string>, cluster: unknown): NodeJS.ProcessEnv {
  const allowLoopback = cluster && !process.env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS;
  return {
    ...Object.fromEntries(
      subgraphNames
        .filter((name) => name !== 'auth')
        .map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, subgraphUrls[name]]),
    ),
    ...(allowLoopback ? { WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'loopback' } : {}),
  };
}
/** Where Auth sends mail (the catcher, else its own SMTP_URL from the environment) and what its links point at. */
const mailEnv = (config: PlatformConfig, catcher: MailCatcher | null): NodeJS.ProcessEnv => ({
  PUBLIC_URL: config.publicUrl ?? localUrl(config.gatewayPort, ''),
  ...(catcher
    ? {
        SMTP_URL: catcher.smtpUrl,
        MAIL_CATCHER_URL: catcher.httpUrl,
        MAIL_FROM: process.env.MAIL_FROM || 'Codex Metatron <no-reply@codex.localhost>',
      }
    : {}),
});
