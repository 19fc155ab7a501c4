import { gatewaySecretSetting, loadConfig, portSetting, runtimeSettings, settingPrefix, subgraphNames, defaultPorts, type SubgraphName } from '@codex/kit';
import { z } from 'zod';

const subgraphUrlSettings = Object.fromEntries(
  subgraphNames.map((name) => [
    `${settingPrefix(name)}_SUBGRAPH_URL`,
    z.url().default(`http://localhost:${defaultPorts[name]}/graphql`),
  ]),
);

const gatewaySettings = z.object({
  ...runtimeSettings,
  PORT: portSetting(defaultPorts.gateway),
  GATEWAY_SECRET: gatewaySecretSetting(),
  /** How often the gateway refreshes Auth's revocation list: the most a revoked token outlives its revocation. */
  REVOCATION_POLL_MS: z.coerce.number().int().min(200).max(60_000).default(2000),
  ...subgraphUrlSettings,
});

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewaySettings, env) as z.infer<typeof gatewaySettings> & Record<string, string>;
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [name, config[`${settingPrefix(name)}_SUBGRAPH_URL`]]),
  ) as Record<SubgraphName, string>;
  return {
    nodeEnv: config.NODE_ENV,
    logLevel: config.LOG_LEVEL,
    logFormat: config.LOG_FORMAT,
    host: config.HOST,
    port: config.PORT,
    subgraphUrls,
    gatewaySecret: config.GATEWAY_SECRET,
    revocationPollMs: config.REVOCATION_POLL_MS,
  };
}
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
