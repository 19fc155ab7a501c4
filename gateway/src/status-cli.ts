import { loadConfig } from '@codex/kit/config';
import { z } from 'zod';

/**
 * `npm run status`: the platform's readiness as a table, from the gateway's /health/ready (the
 * same figures as the `platformHealth` query). Exits 0 when everything is up, 1 when degraded or
 * down, 2 when the gateway does not answer.
 */
const settings = z.object({ GATEWAY_URL: z.url().default('http://localhost:4000') });
const { GATEWAY_URL: gatewayUrl } = loadConfig(settings, process.env);

interface Check {
  status: string;
  latencyMs: number;
  version?: string | null;
  url?: string;
  error?: string;
}

const readinessUrl = new URL('/health/ready', gatewayUrl);
const response = await fetch(readinessUrl, { signal: AbortSignal.timeout(5000) }).catch((error: Error) => error);
if (response instanceof Error) {
  console.error(`gateway ${readinessUrl} does not answer: ${response.message}`);
  process.exit(2);
}
const body = (await response.json()) as { status: string; version: string; subgraphs: Record<string, Check> };
const rows = [
  ['service', 'status', 'latency', 'version', 'detail'],
  ['gateway', 'up', '-', body.version, readinessUrl.origin],
  ...Object.entries(body.subgraphs).map(([name, check]) => [
    name,
    check.status,
    `${check.latencyMs} ms`,
    check.version ?? '-',
    check.error ?? check.url ?? '',
  ]),
];
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
for (const row of rows)
  console.log(
    row
      .map((cell, column) => String(cell).padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
console.log(`\nplatform: ${body.status}`);
process.exit(body.status === 'up' ? 0 : 1);
