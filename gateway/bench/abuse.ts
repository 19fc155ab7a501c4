/**
 * Benchmark: what abusive operations cost the gateway, and what they cost everyone else.
 * Starts its own platform (production mode, default limits), measures a legitimate query alone,
 * then again while `concurrency` attackers send deep, alias-bomb, directive-bomb, token-bomb,
 * oversized and over-batched requests as fast as they are answered; prints each refusal's code and
 * p50/p99, and the legitimate query's p50/p99 before and during the attack.
 *   npm run bench:abuse [-- <seconds under attack, default 10> <attackers, default 8>]
 */
import { demoUsers } from '@codex/kit';
import { percentiles, startBenchPlatform, timedPost } from './bench-platform.ts';

const seconds = Number(process.argv[2] ?? 10);
const attackers = Number(process.argv[3] ?? 8);
const { platform, stop } = await startBenchPlatform();
const url = platform.gatewayUrl;

const nested = (levels: number) =>
  `{ __type(name: "Query") { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } }`;
const attacks: Record<string, unknown> = {
  deep: { query: nested(40) },
  'alias bomb': { query: `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: __typename`).join(' ')} }` },
  'directive bomb': { query: `{ __typename ${'@include(if: true) '.repeat(3000)}}` },
  'token bomb': { query: `{ ${'__typename '.repeat(50_000)}}` },
  'oversized body': JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(2_000_000) } }),
  'batch of 1000': Array.from({ length: 1000 }, () => ({ query: '{ __typename }' })),
};

async function legitimateLatencies(token: string, until: number) {
  const samples: number[] = [];
  const query = { query: 'query Legit { me { id email tenant { id slug } } }' };
  while (Date.now() < until) {
    const { status, body, ms } = await timedPost(url, query, { authorization: `Bearer ${token}` });
    if (status !== 200 || body.errors)
      throw new Error(`legitimate query failed: ${status} ${JSON.stringify(body.errors)}`);
    samples.push(ms);
  }
  return samples;
}

try {
  const login = await timedPost(url, {
    query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    variables: { e: demoUsers.client.email, p: demoUsers.client.password },
  });
  const token = login.body.data.login.accessToken as string;
  await legitimateLatencies(token, Date.now() + 2000); // warm-up
  const baseline = percentiles(await legitimateLatencies(token, Date.now() + seconds * 1000));

  const refusals = new Map<string, { codes: Set<string>; ms: number[] }>(
    Object.keys(attacks).map((name) => [name, { codes: new Set(), ms: [] }]),
  );
  const until = Date.now() + seconds * 1000;
  const attack = async (worker: number) => {
    const names = Object.keys(attacks);
    for (let i = worker; Date.now() < until; i += 1) {
      const name = names[i % names.length]!;
      const { status, body, ms } = await timedPost(url, attacks[name]);
      const entry = refusals.get(name)!;
      entry.codes.add(`${status} ${body.errors?.[0]?.extensions?.code ?? 'no error'}`);
      entry.ms.push(ms);
    }
  };
  const [underAttack] = await Promise.all([
    legitimateLatencies(token, until),
    ...Array.from({ length: attackers }, (_, worker) => attack(worker)),
  ]);
  const during = percentiles(underAttack);

  console.log(`abusive requests, ${attackers} attackers for ${seconds} s (NODE_ENV=production, default limits)`);
  for (const [name, { codes, ms }] of refusals) {
    const { p50, p99 } = percentiles(ms);
    console.log(
      `${name.padEnd(16)} ${String(ms.length).padStart(6)} sent  ${[...codes].join(', ').padEnd(34)} p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms`,
    );
  }
  console.log(`legitimate query alone          p50 ${baseline.p50.toFixed(2)} ms  p99 ${baseline.p99.toFixed(2)} ms`);
  console.log(
    `legitimate query under attack   p50 ${during.p50.toFixed(2)} ms  p99 ${during.p99.toFixed(2)} ms  (${underAttack.length} answered, all complete)`,
  );
} finally {
  await stop();
}
