/**
 * Benchmark: latency the gateway adds to verify a credential.
 * Starts its own platform (throw-away embedded PostgreSQL, free ports), then sends the same
 * gateway-resolved operation ({ __typename }, no subgraph fetch) sequentially as anonymous, with a
 * Bearer access token (ES256 against the cached JWKS + revocation check) and with an API key
 * (Auth lookup, cached 2 s), and prints p50/p99 of each and the difference to anonymous.
 *   npm run bench:tokens [-- <requests per case, default 3000>]
 */
import { demoUsers } from '@codex/kit';
import { type AnswerJson, percentiles, startBenchPlatform } from './bench-platform.ts';

const requests = Number(process.argv[2] ?? 3000);
const { platform, stop } = await startBenchPlatform();

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: AnswerJson; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Interleaves the cases request by request, so warm-up, GC and noise fall on all of them alike. */
async function measure(cases: readonly (readonly [string, Record<string, string>])[]) {
  const samples = cases.map(() => [] as number[]);
  for (let round = -200; round < requests; round += 1) {
    for (const [index, [, headers]] of cases.entries()) {
      const started = performance.now();
      await post('{ __typename }', {}, headers);
      if (round >= 0) samples[index]!.push(performance.now() - started);
    }
  }
  return cases.map(([name], index) => ({ name, ...percentiles(samples[index]!) }));
}

try {
  const login = await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: demoUsers.admin.email,
    p: demoUsers.admin.password,
  });
  const bearer = { authorization: `Bearer ${login.login.accessToken}` };
  const key = await post('mutation { createApiKey(input: { name: "bench", role: CLIENT }) { secret } }', {}, bearer);
  const cases = [
    ['anonymous', {}],
    ['Bearer access token', bearer],
    ['x-api-key', { 'x-api-key': key.createApiKey.secret }],
  ] as const;
  const results = await measure(cases);
  const base = results[0]!;
  console.log(`gateway credential verification, ${requests} sequential requests per case (NODE_ENV=production)`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(22)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  added p50 ${(r.p50 - base.p50).toFixed(2)} ms  added p99 ${(r.p99 - base.p99).toFixed(2)} ms`,
    );
  }
} finally {
  await stop();
}
