import { createLogger, settingPrefix, subgraphNames, type SubgraphName } from '@codex/kit';
import { loadPlatformConfig, startPlatform, type Platform } from '@codex/platform';
import getPort from 'get-port';
import { inject } from 'vitest';
import { scrapeMetrics } from './metrics.ts';

/**
 * A second gateway and five subgraphs of its own, on the test databases: for tests that read a
 * service's process-wide counters (SQL statements at /metrics) and so must be its only client.
 * Tokens from the shared platform work here too (same databases, same signing keys).
 */
/** Scrapes the private platform's /metrics (its GATEWAY_SECRET is its own). */
export const privateMetricsToken = 'private-platform-metrics-token-0123456789';

export async function startPrivatePlatform(settings: NodeJS.ProcessEnv = {}): Promise<Platform> {
  const [gatewayPort, ...subgraphPorts] = await Promise.all(Array.from({ length: 6 }, () => getPort()));
  const databaseUrls = inject('databaseUrls');
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(gatewayPort),
    SEED_DEMO: 'false',
    AUTH_KEY_ENCRYPTION_SECRET: inject('authKeyEncryptionSecret'),
    METRICS_TOKEN: privateMetricsToken,
    ...Object.fromEntries(
      subgraphNames.flatMap((name, index) => [
        [`${settingPrefix(name)}_PORT`, String(subgraphPorts[index])],
        [`${settingPrefix(name)}_DATABASE_URL`, databaseUrls[name]],
      ]),
    ),
    ...settings,
  };
  // The services inherit this worker's environment: no revocation polling traffic during a count.
  process.env.REVOCATION_POLL_MS = '60000';
  return startPlatform(loadPlatformConfig(env), createLogger({ service: 'private-platform', level: 'warn' }), {
    output: 'capture',
    startTimeoutMs: 90_000,
  });
}

/** SQL statements a subgraph has sent since it started (the count of its codex_db_statement_duration_seconds). */
export async function statementsSent(platform: Platform, name: SubgraphName): Promise<number> {
  const response = await scrapeMetrics(platform.subgraphUrls[name], { bearer: privateMetricsToken });
  const line = (await response.text())
    .split('\n')
    .find((entry) => entry.startsWith('codex_db_statement_duration_seconds_count'));
  if (!line) throw new Error(`${name} reports no codex_db_statement_duration_seconds_count`);
  return Number(line.split(' ').at(-1));
}
