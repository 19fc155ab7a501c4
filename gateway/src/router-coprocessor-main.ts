import { createLogger } from '@codex/kit/logger';
import { loadConfig, portSetting } from '@codex/kit/config';
import { runService } from '@codex/kit/service-main';
import { z } from 'zod';
import { loadGatewayConfig } from './config.ts';
import { startRouterCoprocessor } from './router-coprocessor.ts';

await runService('router-coprocessor', async () => {
  const config = {
    ...loadGatewayConfig(),
    coprocessorPort: loadConfig(z.object({ COPROCESSOR_PORT: portSetting(4010) }), process.env).COPROCESSOR_PORT,
  };
  const logger = createLogger({
    service: 'router-coprocessor',
    level: config.logLevel,
    pretty: config.logFormat === 'pretty',
  });
  return startRouterCoprocessor(config, logger);
});
