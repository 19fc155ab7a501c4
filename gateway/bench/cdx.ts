/**
 * Benchmark: CDX figures on a platform filled by the scale seeder.
 *   npm run seed:scale && npm start        (in another terminal)
 *   npm run bench:cdx [-- <tenant summaries, default 500> <platform overviews, default 100> <runs, default 5>]
 * Asks, one request at a time, for random tenants' full summary + KPIs and for the platform
 * overview through the gateway (GATEWAY_URL, default http://localhost:4000; SUPERADMIN `test` of
 * the demo data, or BENCH_TOKEN). Per run it prints p50/p99/mean latency and, per subgraph and
 * request, the gateway's fetches to it and their time (the gateway's /metrics), the subgraph's own
 * GraphQL time, its SQL statements and SQL time (its /metrics); at the end, each run's figures and a
 * pass/fail line against the spec's goals (issue 11: p99 under the goal in every run).
 */
import { defaultPorts, demoUsers, subgraphNames, type SubgraphName } from '@codex/kit';
import { percentiles, timedPost } from './bench-platform.ts';

const [summaries, overviews, runs] = [500, 100, 5].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [
  number,
  number,
  number,
];

/** The spec's goals: p99 in milliseconds, to be met in every run. */
const goals = { tenant: 50, overview: 250 } as const;
const gateway = process.env.GATEWAY_URL ?? `http://localhost:${defaultPorts.gateway}`;
const graphqlUrl = `${gateway}/graphql`;
const metricsUrl = (name: SubgraphName) =>
  process.env[`${name.toUpperCase()}_METRICS_URL`] ?? `http://localhost:${defaultPorts[name]}/metrics`;

const tenantQuery = /* GraphQL */ `query TenantFigures($id: ID!) { tenant(id: $id) {
  id slug name status
  users { total active lastActivityAt }
  crm { totalCustomers totalLeads openLeads wonLeads lostLeads pipelineValue { amount currency } weightedPipelineValue { amount currency } averageProbability wonValue { amount currency } leadsByStage { stageName pipelineName openLeads value { amount currency } } }
  cms { totalContentItems draftContentItems publishedContentItems archivedContentItems mediaFiles mediaBytes pages }
  billing { mrr { amount currency } activeSubscriptions trialingSubscriptions pastDueSubscriptions cancelledSubscriptions openInvoices overdueInvoices revenueThisMonth { amount currency } revenueAllTime { amount currency } }
  analytics { totalEvents eventsLast24h eventsLast30d uniqueUsers30d topEvents { name count } }
  kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
} }`;

const overviewQuery = /* GraphQL */ `query PlatformFigures { platformOverview {
  users { total active } tenantsByStatus { status count } tenantGrowth { day count }
  crm { totalCustomers totalLeads openLeads pipelineValue { amount currency } wonValue { amount currency } averageProbability }
  customerGrowth { day count }
  cms { totalContentItems mediaFiles mediaBytes pages }
  billing { mrr { amount currency } activeSubscriptions openInvoices overdueInvoices revenueThisMonth { amount currency } revenueAllTime { amount currency } }
  topTenantsByMrr { tenant { id slug } amount { amount currency } } subscriptionGrowth { day count }
  analytics { totalEvents eventsLast24h eventsLast30d uniqueUsers30d topEvents { name count } }
  topTenantsByEvents { tenant { id slug } events } eventGrowth { day count }
  kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
} }`;

/** A Prometheus text exposition's samples summed per metric name, over the lines whose labels contain `label`. */
function sampleSum(text: string, metric: string, label = ''): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || !line.includes(label)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] === ' ' || rest[0] === '{') sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

// /metrics needs a bearer token: start the platform and this bench with the same METRICS_TOKEN.
const metricsHeaders = { authorization: `Bearer ${process.env.METRICS_TOKEN ?? ''}` };
const scrape = async (url: string) => (await fetch(url, { headers: metricsHeaders })).text();

interface SubgraphTotals {
  statements: number;
  sqlSeconds: number;
  /** The subgraph's own time answering GraphQL (its request histogram). */
  serverSeconds: number;
  /** The gateway's fetches to it: how many, and their time (the wire and the subgraph's HTTP included). */
  fetches: number;
  fetchSeconds: number;
}

/** Each subgraph's SQL statements and seconds, its GraphQL time, and the gateway's fetches to it so far. */
async function totals(): Promise<Record<SubgraphName, SubgraphTotals>> {
  const gatewayText = await scrape(`${gateway}/metrics`);
  const entries = await Promise.all(
    subgraphNames.map(async (name) => {
      const text = await scrape(metricsUrl(name));
      const fetch = (suffix: string) =>
        sampleSum(gatewayText, `codex_subgraph_fetch_duration_seconds_${suffix}`, `subgraph="${name}"`);
      return [
        name,
        {
          statements: sampleSum(text, 'codex_db_statement_duration_seconds_count'),
          sqlSeconds: sampleSum(text, 'codex_db_statement_duration_seconds_sum'),
          serverSeconds: sampleSum(text, 'codex_graphql_request_duration_seconds_sum'),
          fetches: fetch('count'),
          fetchSeconds: fetch('sum'),
        },
      ] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, SubgraphTotals>;
}

type Send = (i: number) => Promise<{ ms: number; ok: boolean }>;

async function measure(label: string, count: number, send: Send) {
  const before = await totals();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const { ms, ok } = await send(i);
    if (!ok) throw new Error(`${label}: request ${i} answered with errors`);
    samples.push(ms);
  }
  const after = await totals();
  const { p50, p99 } = percentiles(samples);
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / count;
  console.log(
    `  ${label.padEnd(28)} ${count} requests  p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  mean ${mean.toFixed(1)} ms`,
  );
  for (const name of subgraphNames) {
    const per = (key: keyof SubgraphTotals, scale = 1) => ((after[name][key] - before[name][key]) * scale) / count;
    if (per('fetches') === 0 && per('statements') === 0) continue;
    console.log(
      `    ${name.padEnd(10)} ${per('fetches').toFixed(1)} fetches ${per('fetchSeconds', 1000).toFixed(2)} ms (server ${per('serverSeconds', 1000).toFixed(2)} ms), ` +
        `${per('statements').toFixed(1)} SQL statements ${per('sqlSeconds', 1000).toFixed(2)} ms, per request`,
    );
  }
  return { p50, p99 };
}

const token =
  process.env.BENCH_TOKEN ??
  (
    await timedPost(graphqlUrl, {
      query: 'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: demoUsers.superadmin.username, p: demoUsers.superadmin.password },
    })
  ).body.data?.login.accessToken;
if (!token) throw new Error('No SUPERADMIN token: start the platform in demo mode or set BENCH_TOKEN');
const headers = { authorization: `Bearer ${token}` };

const tenantIds: string[] = [];
for (let after: string | null = null; tenantIds.length < 1000; ) {
  const page = await timedPost(
    graphqlUrl,
    {
      query:
        'query Ids($after: String) { tenants(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      variables: { after },
    },
    headers,
  );
  tenantIds.push(...page.body.data.tenants.edges.map((edge: { node: { id: string } }) => edge.node.id));
  if (!page.body.data.tenants.pageInfo.hasNextPage) break;
  after = page.body.data.tenants.pageInfo.endCursor;
}
console.log(`CDX figures through ${graphqlUrl}, ${tenantIds.length} tenants, ${runs} runs`);
const tenantFigures: Send = async (i) => {
  const { ms, body } = await timedPost(
    graphqlUrl,
    { query: tenantQuery, variables: { id: tenantIds[(i * 7919) % tenantIds.length] } },
    headers,
  );
  return { ms, ok: !body.errors };
};
const overviewFigures: Send = async () => {
  const { ms, body } = await timedPost(graphqlUrl, { query: overviewQuery }, headers);
  return { ms, ok: !body.errors };
};
// Warm-up: the first hundred requests after a start pay for JIT compilation and cold caches.
for (let i = 0; i < 100; i += 1) await tenantFigures(i);
for (let i = 0; i < 20; i += 1) await overviewFigures(i);

const results: { tenant: { p50: number; p99: number }; overview: { p50: number; p99: number } }[] = [];
for (let run = 1; run <= runs; run += 1) {
  console.log(`run ${run} of ${runs}`);
  results.push({
    tenant: await measure('tenant summary + KPIs', summaries, tenantFigures),
    overview: await measure('platform overview', overviews, overviewFigures),
  });
}

const figures = (run: { p50: number; p99: number }) => `p50 ${run.p50.toFixed(1)} / p99 ${run.p99.toFixed(1)} ms`;
console.log('\nrun  tenant summary + KPIs          platform overview');
for (const [i, result] of results.entries()) {
  console.log(`${String(i + 1).padEnd(4)} ${figures(result.tenant).padEnd(30)} ${figures(result.overview)}`);
}
let failed = false;
for (const [key, label] of [
  ['tenant', 'tenant summary + KPIs'],
  ['overview', 'platform overview'],
] as const) {
  const met = results.filter((result) => result[key].p99 < goals[key]).length;
  const pass = met === results.length;
  failed ||= !pass;
  console.log(`${pass ? 'PASS' : 'FAIL'} ${label}: p99 < ${goals[key]} ms in ${met} of ${results.length} runs`);
}
process.exitCode = failed ? 1 : 0;
