import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, settingPrefix, subgraphNames, type SubgraphName } from '@codex/kit';
import { clusterSecret, loadPlatformConfig, startPlatform } from '@codex/platform';
import getPort from 'get-port';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<SubgraphName, string>;
    /** The subgraphs' URLs: the app role, subject to row-level security. */
    databaseUrls: Record<SubgraphName, string>;
    /** Superuser URL of the cluster's `postgres` database (scratch databases, drift check). */
    adminDatabaseUrl: string;
    /** Lets a test sign requests the way the gateway does (or forge them, with another key). */
    gatewaySecret: string;
    /** Auth's key-encryption secret, for a second set of services on the same databases (see private-platform.ts). */
    authKeyEncryptionSecret: string;
    /** The embedded SMTP catcher's HTTP API (packages/platform/src/mail-catcher.ts): what Auth mailed. */
    mailCatcherUrl: string;
  }
}

/**
 * Starts the real platform once for the whole run: a throw-away embedded PostgreSQL on a free port,
 * fresh databases, the five subgraphs and the gateway on free ports, demo data seeded.
 */
export default async function setup(project: TestProject) {
  const clusterDir = await mkdtemp(path.join(tmpdir(), 'codex-test-pg-'));
  const ports = await Promise.all(Array.from({ length: 7 }, () => getPort()));
  const [postgresPort, gatewayPort, ...subgraphPorts] = ports as [number, number, ...number[]];
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    PORT: String(gatewayPort),
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    EMBEDDED_POSTGRES_DIR: clusterDir,
    SEED_DEMO: 'true',
    ...Object.fromEntries(
      subgraphNames.map((name, index) => [`${settingPrefix(name)}_PORT`, String(subgraphPorts[index])]),
    ),
  };
  // The services inherit this process's environment: hundreds of tests from one address must not
  // trip the gateway's rate limits (tests/gateway-limits.test.ts checks them on a gateway of its own)
  // nor Auth's per-address password reset throttle.
  process.env.RATE_LIMIT_PER_MINUTE = '1000000';
  process.env.RATE_LIMIT_ANONYMOUS_PER_MINUTE = '1000000';
  // Webhook retries within seconds, not a day (tests/webhooks.test.ts): 3 attempts, 1 s doubling,
  // a 1 s timeout, disabled after 2 deliveries that failed every attempt.
  Object.assign(process.env, {
    WEBHOOKS_TIMEOUT_MS: '1000',
    WEBHOOKS_MAX_ATTEMPTS: '3',
    WEBHOOKS_RETRY_DELAY_SECONDS: '1',
    WEBHOOKS_DISABLE_AFTER_FAILED_DELIVERIES: '2',
  });
  process.env.PASSWORD_RESET_PER_ADDRESS = '1000000';
  // The billing clock would renew and dun the demo data every minute: tests drive it themselves
  // (runBillingClock with a manual clock, tests/billing-clock*.test.ts).
  process.env.BILLING_CLOCK_CRON = 'off';
  // Mails the catcher refused are retried after 1 s, not 30 (tests/identity-mail.test.ts).
  process.env.MAIL_RETRY_DELAY_SECONDS = '1';
  // Media uploads of the run go away with its cluster.
  process.env.CMS_MEDIA_DIR = path.join(clusterDir, 'media');
  const config = loadPlatformConfig(env);
  const logger = createLogger({ service: 'test-platform', level: env.LOG_LEVEL ?? 'warn' });
  const platform = await startPlatform(config, logger, { output: 'capture', startTimeoutMs: 90_000 });

  project.provide('gatewayUrl', platform.gatewayUrl);
  project.provide('subgraphUrls', platform.subgraphUrls);
  project.provide('databaseUrls', platform.databaseUrls);
  project.provide('gatewaySecret', config.gatewaySecret);
  project.provide('authKeyEncryptionSecret', await clusterSecret(clusterDir, 'auth-key-encryption-secret', 32));
  if (!platform.adminUrl) throw new Error('the test platform runs an embedded PostgreSQL, so it has a superuser URL');
  project.provide('adminDatabaseUrl', platform.adminUrl);
  if (!platform.mailCatcher) throw new Error('the test platform sends mail to its embedded SMTP catcher');
  project.provide('mailCatcherUrl', platform.mailCatcher.httpUrl);

  return async () => {
    await platform.stop();
    await rm(clusterDir, { recursive: true, force: true });
  };
}
