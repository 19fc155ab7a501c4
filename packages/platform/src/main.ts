import { createLogger, demoUsers, runService } from '@codex/kit';
import { loadPlatformConfig } from './config.ts';
import { startPlatform, type Platform } from './platform.ts';

function banner(platform: Platform, seconds: number, demo: boolean) {
  const lines = [
    '',
    `Codex Metatron is up (${seconds.toFixed(1)} s)`,
    `  Console                   ${new URL('/', platform.gatewayUrl)}`,
    `  GraphQL + Apollo Sandbox  ${platform.gatewayUrl}`,
    `  Health                    ${new URL('/health/ready', platform.gatewayUrl)}`,
    ...Object.entries(platform.subgraphUrls).map(([name, url]) => `  ${`${name} subgraph`.padEnd(26)}${url}`),
  ];
  if (demo) {
    lines.push(
      '  Demo logins (embedded mode only):',
      `    SUPERADMIN  ${demoUsers.superadmin.username} / ${demoUsers.superadmin.password}`,
      `    ADMIN       ${demoUsers.admin.email} / ${demoUsers.admin.password}   (tenant "demo")`,
      `    CLIENT      ${demoUsers.client.email} / ${demoUsers.client.password}   (tenant "demo")`,
    );
  }
  lines.push('Press Ctrl-C to stop everything.', '');
  return lines.join('\n');
}

await runService(
  'platform',
  async () => {
    const config = loadPlatformConfig();
    const logFormat = process.stdout.isTTY ? 'pretty' : config.logFormat;
    const logger = createLogger({ service: 'platform', level: config.logLevel, pretty: logFormat === 'pretty' });
    const started = performance.now();
    const platform = await startPlatform({ ...config, logFormat }, logger, { output: 'inherit' });
    console.log(banner(platform, (performance.now() - started) / 1000, config.seedDemo));
    return platform;
  },
  // It stops the gateway, then the subgraphs, then PostgreSQL, each given up to 10 s (service-process.ts).
  { stopTimeoutMs: 35_000 },
);
