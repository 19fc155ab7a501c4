import {
  createLogger,
  settingPrefix,
  subgraphNames,
  type Logger,
  type RunningServer,
  type SubgraphName,
} from '@codex/kit';
import { loadGatewayConfig, startGateway } from '@codex/gateway';
import getPort from 'get-port';
import { inject } from 'vitest';

/**
 * A gateway of the test's own, in this process, in front of the shared subgraphs (or other URLs):
 * for tests that change its limits or point a subgraph elsewhere. Settings as environment strings.
 */
export async function startOwnGateway(
  settings: Record<string, string> = {},
  subgraphUrls: Partial<Record<SubgraphName, string>> = {},
  logger: Logger = createLogger({ service: 'test-gateway', level: 'silent' }),
): Promise<RunningServer> {
  const urls = { ...inject('subgraphUrls'), ...subgraphUrls };
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(await getPort()),
    GATEWAY_SECRET: inject('gatewaySecret'),
    ...Object.fromEntries(subgraphNames.map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, urls[name]])),
    ...settings,
  });
  return startGateway(config, logger);
}
