/**
 * Benchmark: `upcomingInvoice` of one subscription with 100,000 usage events, through the gateway.
 *   npm run bench:upcoming-invoice [-- --events 100000 --runs 200]
 * Starts a platform of its own (throw-away PostgreSQL, demo data), gives the demo tenant's first
 * subscription's plan a charge of every model (GRADUATED, STANDARD on the demo metrics; VOLUME,
 * PACKAGE, PERCENTAGE on three more), writes `--events` events spread evenly over the five metrics
 * and the current billing window, then asks `upcomingInvoice` as the demo ADMIN `--runs` times,
 * one at a time after 5 warm-ups; prints p50/p99, the load average, and pass/fail against the
 * issue's goal (p99 < 100 ms). Then times the usage statement alone on Billing's database, over the
 * hourly rollup and over the raw events (`usageFigures` with `raw`), a ratio within one run;
 * `--explain` prints the rollup statement's plan first.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { allTenants, demoTenant, demoUsers, withScope } from '@codex/kit';
import {
  createBillingDatabase,
  scopeBillingDatabase,
  usageAsk,
  usageFigures,
  usageStatement,
} from '@codex/subgraph-billing';
import pg from 'pg';
import { percentiles, startBenchPlatform, timedPost } from './bench-platform.ts';

const { values } = parseArgs({
  options: { events: { type: 'string' }, runs: { type: 'string' }, explain: { type: 'boolean' } },
});
const eventCount = Number(values.events ?? 100_000);
const runs = Number(values.runs ?? 200);
const goalMs = 100;

const tiers = JSON.stringify({
  tiers: [
    { fromValue: '0', toValue: '1000', perUnitAmount: '0.01', flatAmount: '0' },
    { fromValue: '1000', toValue: null, perUnitAmount: '0.005', flatAmount: '0' },
  ],
});
/** The three metrics the demo lacks, and their charges. */
const extraMetrics = [
  { code: 'bench_seats', aggregation: 'LATEST', field: 'seats', model: 'VOLUME', properties: tiers },
  {
    code: 'bench_gb',
    aggregation: 'SUM',
    field: 'gb',
    model: 'PACKAGE',
    properties: '{"packageSize":100,"amount":"5"}',
  },
  {
    code: 'bench_payments',
    aggregation: 'SUM',
    field: 'amount',
    model: 'PERCENTAGE',
    properties: '{"rate":"2.9","fixedAmount":"0.30","perEventMin":null,"perEventMax":"10"}',
  },
];

/** Metrics, charges and events written straight into Billing's database (crossing tenants explicitly). */
async function fill(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // The services' role has a statement timeout made for requests, not for a 100,000-row load.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query(`SELECT set_config('app.all_tenants', 'on', true)`);
    const { rows } = await client.query<{ id: string; plan_id: string; from: Date }>(
      `SELECT s.id, s.plan_id, s.usage_billed_through AS from FROM subscriptions s
        WHERE s.tenant_id = $1 AND s.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM plan_charges c WHERE c.plan_id = s.plan_id)
        ORDER BY s.created_at, s.id LIMIT 1`,
      [demoTenant.id],
    );
    const subscription = rows[0];
    if (!subscription) throw new Error('the demo tenant has no active subscription with charges');
    for (const [position, metric] of extraMetrics.entries()) {
      await client.query(
        `WITH m AS (INSERT INTO billable_metrics (tenant_id, code, name, aggregation, field_name)
                    VALUES ($1, $2, $2, $3::metric_aggregation, $4) RETURNING id)
         INSERT INTO plan_charges (tenant_id, plan_id, billable_metric_id, model, properties, position)
         SELECT $1, $5, m.id, $6::charge_model, $7::jsonb, $8 FROM m`,
        [
          demoTenant.id,
          metric.code,
          metric.aggregation,
          metric.field,
          subscription.plan_id,
          metric.model,
          metric.properties,
          position + 2,
        ],
      );
    }
    // Event i: metric i % 5 of the plan's charges, a value 1–100, a time spread over [from, now).
    await client.query(
      `WITH metrics AS (
         SELECT m.id, m.code, row_number() OVER (ORDER BY c.position) - 1 AS k
           FROM plan_charges c JOIN billable_metrics m ON m.id = c.billable_metric_id WHERE c.plan_id = $2)
       INSERT INTO usage_events (tenant_id, subscription_id, billable_metric_id, metric_code, properties, value, unique_value, occurred_at, idempotency_key)
       SELECT $1, $3, m.id, m.code, '{}', 1 + i % 100, NULL,
              $4::timestamptz + (now() - $4::timestamptz) * (i::float8 / $5), 'bench-' || i
         FROM generate_series(0, $5 - 1) AS i JOIN metrics m ON m.k = i % 5`,
      [demoTenant.id, subscription.plan_id, subscription.id, subscription.from, eventCount],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE usage_events');
    return subscription.id;
  } finally {
    await client.end();
  }
}

/** The usage statement of `upcomingInvoice` alone, `runs` times each way: p50/p99 over the rollup and raw. */
async function statementTimes(url: string, subscriptionId: string, runs: number) {
  const db = scopeBillingDatabase(createBillingDatabase(url), allTenants);
  try {
    const asks = await withScope(db, allTenants, async (tx) => {
      const { planId, usageBilledThrough } = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
      const charges = await tx.planCharge.findMany({ where: { planId }, include: { billableMetric: true } });
      const window = { from: usageBilledThrough, to: new Date() };
      return charges.map((charge) => usageAsk(subscriptionId, charge, window));
    });
    const time = async (raw: boolean) => {
      const samples: number[] = [];
      for (let i = 0; i < runs + 5; i += 1) {
        const started = performance.now();
        await withScope(db, allTenants, (tx) => usageFigures(tx, asks, { raw }));
        if (i >= 5) samples.push(performance.now() - started);
      }
      const { p50, p99 } = percentiles(samples);
      return `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`;
    };
    if (values.explain) {
      const [sql, ...params] = usageStatement(asks);
      const plan = await withScope(db, allTenants, (tx) =>
        tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, ...params),
      );
      process.stdout.write(`${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`);
    }
    const rollup = await time(false);
    const raw = await time(true);
    process.stdout.write(`usage statement (${asks.length} charges): rollup ${rollup}; raw events ${raw}\n`);
  } finally {
    await db.$disconnect();
  }
}

async function login(url: string) {
  const { email, password } = demoUsers.admin;
  const { body } = await timedPost(url, {
    query: 'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    variables: { e: email, p: password },
  });
  const token = body.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`login as the demo ADMIN failed: ${JSON.stringify(body.errors)}`);
  return { authorization: `Bearer ${token}` };
}

const query = /* GraphQL */ `query U($id: ID!) { upcomingInvoice(subscriptionId: $id) { total lines { kind amount quantity details } } }`;

async function main() {
  const bench = await startBenchPlatform();
  try {
    const subscriptionId = await fill(bench.platform.databaseUrls.billing);
    const url = bench.platform.gatewayUrl;
    const headers = await login(url);
    const send = async () => {
      const answer = await timedPost(url, { query, variables: { id: subscriptionId } }, headers);
      if (answer.body.errors || !answer.body.data?.upcomingInvoice)
        throw new Error(`upcomingInvoice: ${JSON.stringify(answer.body.errors)}`);
      return answer;
    };
    const first = await send();
    const lines = first.body.data.upcomingInvoice.lines as { kind: string; quantity: string }[];
    process.stdout.write(`upcomingInvoice bench: ${eventCount} events, ${lines.length} lines, ${runs} runs\n`);
    for (let i = 0; i < 4; i += 1) await send();
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) samples.push((await send()).ms);
    const { p50, p99, max } = percentiles(samples);
    const load = loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    const verdict = p99 < goalMs ? 'pass' : 'FAIL';
    process.stdout.write(
      `upcomingInvoice: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (${verdict}, goal p99 < ${goalMs} ms); load average ${load}\n`,
    );
    await statementTimes(bench.platform.databaseUrls.billing, subscriptionId, 50);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`upcomingInvoice bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
