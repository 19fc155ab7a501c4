import { gatewaySecretSetting, loadConfig, metricsTokenSetting, portSetting, runtimeSettings } from '@codex/kit/config';
import { settingPrefix, subgraphNames, defaultPorts, type SubgraphName } from '@codex/kit/services';
import { z } from 'zod';

const subgraphUrlSettings = Object.fromEntries(
  subgraphNames.map((name) => [
    `${settingPrefix(name)}_SUBGRAPH_URL`,
    z.url().default(`http://localhost:${defaultPorts[name]}/graphql`),
  ]),
);

const repoRoot = new URL('../../', import.meta.url);

const limit = (fallback: number, max = 1_000_000_000) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Operation and traffic limits (README "Limits"): what one client may ask of the gateway. */
const limitSettings = {
  MAX_DEPTH: limit(12, 100),
  MAX_ALIASES: limit(30),
  MAX_DIRECTIVES: limit(50),
  MAX_TOKENS: limit(5000),
  MAX_COST: limit(50_000),
  MAX_BODY_BYTES: limit(1_048_576),
  MAX_BATCH_OPERATIONS: limit(10, 100),
  /** Nesting of any JSON in a request (body, variables, extensions); checked without recursion. */
  MAX_JSON_DEPTH: limit(64, 1000),
  SUBGRAPH_TIMEOUT_MS: limit(10_000, 300_000),
  /** Per API key, user or machine client; anonymous callers share their address's budget. */
  RATE_LIMIT_PER_MINUTE: limit(1200),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: limit(300),
  /** The window both budgets refill over; "per minute" at the default. */
  RATE_LIMIT_WINDOW_SECONDS: limit(60, 3600),
};

/** Live queries (README "Live queries"): what one client may hold open. */
const liveSettings = {
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: limit(20, 10_000),
  LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: limit(100),
  LIVE_CONNECTIONS_PER_MINUTE: limit(120),
  /** A WebSocket without subscriptions for this long is closed (4408). */
  LIVE_IDLE_TIMEOUT_MS: limit(300_000),
  /** Largest message a client may send (a subscribe message, connection params; SSE request body). */
  LIVE_MAX_PAYLOAD_BYTES: limit(65_536),
  /** How often the health poller asks the subgraphs while anyone subscribes to platformHealth. */
  LIVE_HEALTH_POLL_MS: limit(5000, 300_000),
  /** tenantFigures waits this long after a tenant's event for more before it re-runs its query. */
  LIVE_COALESCE_MS: limit(150, 10_000),
};

const gatewaySettings = z.object({
  ...runtimeSettings,
  PORT: portSetting(defaultPorts.gateway),
  GATEWAY_SECRET: gatewaySecretSetting(),
  /** Bearer token for GET /metrics; unset, only the gateway's own signature (GATEWAY_SECRET) may scrape. */
  METRICS_TOKEN: metricsTokenSetting(),
  /** How often the gateway refreshes Auth's revocation list: the most a revoked token outlives its revocation. */
  REVOCATION_POLL_MS: z.coerce.number().int().min(200).max(60_000).default(2000),
  ...subgraphUrlSettings,
  ...limitSettings,
  ...liveSettings,
  /**
   * The header a trusted proxy in front of the gateway sets to the client's address (e.g.
   * `x-forwarded-for`, first entry): POST /ingest takes the address for GeoIP from it. Unset: the socket's.
   */
  INGEST_CLIENT_IP_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+$/, 'must be a header name')
    .optional(),
  /** `apq`: any operation, by hash once registered; `safelist`: only the operations of the manifests (SUPERADMINs exempt). */
  PERSISTED_OPERATIONS: z.enum(['apq', 'safelist']).default('apq'),
  /** Comma-separated persisted query manifests, relative to the repository root. */
  PERSISTED_OPERATION_MANIFESTS: z
    .string()
    .default('web/persisted-query-manifest.json,sdk/persisted-query-manifest.json'),
});

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewaySettings, env) as z.infer<typeof gatewaySettings> & Record<string, string>;
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [name, config[`${settingPrefix(name)}_SUBGRAPH_URL`]]),
  ) as Record<SubgraphName, string>;
  return {
    nodeEnv: config.NODE_ENV,
    exposeErrorStacks: config.EXPOSE_ERROR_STACKS,
    logLevel: config.LOG_LEVEL,
    logFormat: config.LOG_FORMAT,
    host: config.HOST,
    port: config.PORT,
    subgraphUrls,
    gatewaySecret: config.GATEWAY_SECRET,
    metricsToken: (config.METRICS_TOKEN as string | undefined) ?? null,
    revocationPollMs: config.REVOCATION_POLL_MS,
    ingestClientIpHeader: (config.INGEST_CLIENT_IP_HEADER as string | undefined) ?? null,
    persistedOperations: {
      mode: config.PERSISTED_OPERATIONS,
      manifests: config.PERSISTED_OPERATION_MANIFESTS.split(',')
        .map((file) => file.trim())
        .filter(Boolean)
        .map((file) => new URL(file, repoRoot)),
    },
    limits: {
      depth: config.MAX_DEPTH,
      aliases: config.MAX_ALIASES,
      directives: config.MAX_DIRECTIVES,
      tokens: config.MAX_TOKENS,
      cost: config.MAX_COST,
      bodyBytes: config.MAX_BODY_BYTES,
      batchOperations: config.MAX_BATCH_OPERATIONS,
      jsonDepth: config.MAX_JSON_DEPTH,
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      anonymousPerMinute: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      rateWindowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    },
    live: {
      perConnection: config.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      perCaller: config.LIVE_MAX_SUBSCRIPTIONS_PER_CALLER,
      connectionsPerMinute: config.LIVE_CONNECTIONS_PER_MINUTE,
      idleTimeoutMs: config.LIVE_IDLE_TIMEOUT_MS,
      maxPayloadBytes: config.LIVE_MAX_PAYLOAD_BYTES,
      healthPollMs: config.LIVE_HEALTH_POLL_MS,
      coalesceMs: config.LIVE_COALESCE_MS,
    },
  };
}
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
