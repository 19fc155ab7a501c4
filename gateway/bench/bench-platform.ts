import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, settingPrefix, subgraphNames } from '@codex/kit';
import { loadPlatformConfig, startPlatform } from '@codex/platform';
import getPort from 'get-port';

/** A GraphQL answer's JSON as the benchmarks read it, by path: its shape is the selection's. */
// biome-ignore lint/suspicious/noExplicitAny: answers are read by path; their shape is the selection's
export type AnswerJson = any;

/**
 * A platform of the benchmark's own (throw-away embedded PostgreSQL, free ports, demo data,
 * NODE_ENV=production), with rate limits lifted: thousands of requests from one address would
 * otherwise measure the rate limiter. `settings` go to every service's environment, `subgraphNodeArgs` to each subgraph's Node.
 * BENCH_OUTPUT=inherit shows the services' own output (with `--node-args=--trace-gc-nvp`, their GC).
 */
export async function startBenchPlatform(settings: Record<string, string> = {}, subgraphNodeArgs?: string[]) {
  const clusterDir = await mkdtemp(path.join(tmpdir(), 'codex-bench-pg-'));
  const [pgPort, gatewayPort, ...ports] = (await Promise.all(Array.from({ length: 7 }, () => getPort()))) as number[];
  const config = loadPlatformConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(gatewayPort),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    EMBEDDED_POSTGRES_DIR: clusterDir,
    ...Object.fromEntries(subgraphNames.map((name, i) => [`${settingPrefix(name)}_PORT`, String(ports[i])])),
  });
  Object.assign(process.env, {
    RATE_LIMIT_PER_MINUTE: '10000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000000',
    // The benches sign in as the demo superadmin, who has no second factor (required in production).
    AUTH_MFA_REQUIRED_FOR_SUPERADMINS: 'false',
    ...settings,
  });
  const platform = await startPlatform(
    { ...config, seedDemo: true },
    createLogger({ service: 'bench', level: 'warn' }),
    { output: process.env.BENCH_OUTPUT === 'inherit' ? 'inherit' : 'capture', subgraphNodeArgs },
  );
  return {
    platform,
    /** What the services sign and check gateway → subgraph requests with (a bench may pre-sign its own). */
    gatewaySecret: config.gatewaySecret,
    /** The embedded PostgreSQL's postmaster (its backends are its children): the first line of postmaster.pid. */
    postgresPid: Number((await readFile(path.join(clusterDir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]),
    stop: async () => {
      await platform.stop();
      await rm(clusterDir, { recursive: true, force: true });
    },
  };
}

/** POSTs one operation (or a raw body) to the gateway; resolves with the status, body and milliseconds taken. */
export async function timedPost(url: string, body: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: AnswerJson; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, body: json, ms: performance.now() - started };
}

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}
