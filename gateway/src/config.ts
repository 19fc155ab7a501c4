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
    },
  };
}
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
