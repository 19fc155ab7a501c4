import { createLogger } from '@codex/kit/logger';
import { runService } from '@codex/kit/service-main';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

await runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.logLevel, pretty: config.logFormat === 'pretty' });
  return startGateway(config, logger);
});
