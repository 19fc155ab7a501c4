/**
 * Benchmark: analytics insights of one tenant at the spec's scale, through the gateway.
 *   npm run bench:insights [-- --scale 1 --tenants 1000 --runs 100]
 * Without GATEWAY_URL it starts a platform of its own (throw-away PostgreSQL), fills it with the
 * scale seeder at `--scale` (a smaller one for a quick run) and measures; with GATEWAY_URL it
 * measures a running platform seeded by `npm run seed:scale`. The tenant is `scale-0001`, the
 * biggest (~9 % of the events at 1,000 tenants), asked by its ADMIN. Each scenario runs `--runs`
 * times one request at a time after 3 warm-ups; it prints p50/p99 and a pass/fail line against the
 * issue's goal (p99 < 300 ms). Scenarios whose root field the supergraph lacks are skipped.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '@codex/kit';
import { createProgress, seedScale } from '@codex/seed';
import { percentiles, startBenchPlatform, timedPost } from './bench-platform.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string' }, tenants: { type: 'string' }, runs: { type: 'string' } },
});
const scale = Number(values.scale ?? 1);
const runs = Number(values.runs ?? 100);
const goalMs = 300;
const dayMs = 86_400_000;

/** The 30 days up to now, as every scenario asks them. */
const window = () => ({ from: new Date(Date.now() - 30 * dayMs).toISOString(), to: new Date().toISOString() });

interface Scenario {
  name: string;
  /** The root field it needs (the funnel comes with the `funnels` branch). */
  field: string;
  query: string;
  variables: () => Record<string, unknown>;
}

const trend = /* GraphQL */ `query T($query: TrendsInput!) { trends(query: $query) { periods series { breakdownValue isOther values } } }`;
const scenarios: Scenario[] = [
  {
    name: '30-day trend, count by day, breakdown by browser (top 10)',
    field: 'trends',
    query: trend,
    variables: () => ({ query: { interval: 'DAY', ...window(), breakdown: 'browser' } }),
  },
  {
    name: '30-day trend, unique users of $pageview by day, breakdown by country',
    field: 'trends',
    query: trend,
    variables: () => ({
      query: { interval: 'DAY', ...window(), event: '$pageview', measure: 'UNIQUE_USERS', breakdown: 'country' },
    }),
  },
  {
    name: '30-day trend, sum of data.amount of purchases by day, breakdown by data.plan',
    field: 'trends',
    query: trend,
    variables: () => ({
      query: {
        interval: 'DAY',
        ...window(),
        event: 'purchase',
        measure: 'SUM',
        property: 'data.amount',
        breakdown: 'data.plan',
      },
    }),
  },
  {
    name: '30 days of DAU/WAU/MAU',
    field: 'activeUsers',
    query: /* GraphQL */ `query A($query: ActiveUsersInput!) { activeUsers(query: $query) { day dau wau mau stickiness } }`,
    variables: () => ({ query: window() }),
  },
  {
    name: '3-step funnel over 30 days ($pageview → signup → purchase)',
    field: 'funnel',
    query: /* GraphQL */ `query F($input: FunnelInput!) { funnel(input: $input) { steps { __typename } } }`,
    variables: () => ({
      input: { steps: [{ name: '$pageview' }, { name: 'signup' }, { name: 'purchase' }], ...window() },
    }),
  },
];

/** Whether the supergraph has the scenario's root field (introspection is off in production). */
async function isServed(url: string, headers: Record<string, string>, scenario: Scenario) {
  const { body } = await timedPost(url, { query: scenario.query, variables: scenario.variables() }, headers);
  return !body.errors?.some((error) => error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
}

async function measure(url: string, headers: Record<string, string>, scenario: Scenario) {
  const send = async () => {
    const answer = await timedPost(url, { query: scenario.query, variables: scenario.variables() }, headers);
    if (answer.body.errors) throw new Error(`${scenario.name}: ${JSON.stringify(answer.body.errors)}`);
    return answer.ms;
  };
  for (let i = 0; i < 3; i += 1) await send();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await send());
  const { p50, p99 } = percentiles(samples);
  const verdict = p99 < goalMs ? 'pass' : 'FAIL';
  process.stdout.write(`${scenario.name}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${verdict})\n`);
}

async function login(url: string) {
  const { body } = await timedPost(url, {
    query: 'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    variables: { e: 'admin@scale-0001.example.com', p: 'scale123' },
  });
  const token = body.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`login as the scale tenant's ADMIN failed: ${JSON.stringify(body.errors)}`);
  return { authorization: `Bearer ${token}` };
}

async function ownPlatform() {
  const bench = await startBenchPlatform();
  const tenants = Number(values.tenants ?? Math.max(1, Math.round(1000 * scale)));
  const anchor = new Date(Math.floor(Date.now() / dayMs) * dayMs);
  const logger = createLogger({ service: 'bench', level: 'warn' });
  await seedScale(bench.platform.databaseUrls, { scale, tenants, anchor, reset: false }, createProgress(), logger);
  return { url: bench.platform.gatewayUrl, stop: bench.stop };
}

async function main() {
  const running = process.env.GATEWAY_URL;
  const platform = running ? { url: `${running}/graphql`, stop: async () => {} } : await ownPlatform();
  try {
    const headers = await login(platform.url);
    process.stdout.write(`insights bench: ${runs} runs per scenario${running ? '' : `, scale ${scale}`}\n`);
    for (const scenario of scenarios) {
      if (await isServed(platform.url, headers, scenario)) await measure(platform.url, headers, scenario);
      else process.stdout.write(`${scenario.name}: skipped (no Query.${scenario.field} in the supergraph)\n`);
    }
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`insights bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
