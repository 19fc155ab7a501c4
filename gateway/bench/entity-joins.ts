/**
 * S2's entity fetches (issue 11): the two `_entities` requests the gateway sends for S2's 20-customer
 * page — Billing's `subscriptions` and Analytics' `recentEvents(first: 3)` — sent straight to each
 * subgraph (signed as the gateway would, one connection), against that subgraph's `{ __typename }`,
 * in interleaved rounds. Prints req/s and CPU ms per answer (medians of rounds), the ratio, and the
 * SQL statements one answer sends.
 *
 *   npm run bench:entity-joins [-- --rounds 5 --seconds 3] [--profile dir]
 *
 * `--profile dir` runs every service with `--cpu-prof` into `dir` (written when the bench stops them).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  demoCustomerCount,
  demoCustomerId,
  demoTenant,
  demoUsers,
  gatewayKey,
  gatewayTokenHeader,
  signGatewayToken,
  type Identity,
  type SubgraphName,
} from '@codex/kit';
import { startBenchPlatform } from './bench-platform.ts';
import { cpuSeconds, load, median } from './load.ts';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    profile: { type: 'string' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const metricsToken = `entity-joins-bench-${randomUUID()}`;

/** S2's customers: the demo tenant's 20, as CRM names them to the gateway (`tenantId` for `@requires`). */
const customers = Array.from({ length: demoCustomerCount.demo }, (_, i) => demoCustomerId(demoTenant.id, i));

/** The fetches of S2's query plan (`gateway/bench/gateway-scenarios.ts` customerJoins), as the gateway words them. */
const fetches: { name: string; service: SubgraphName; body: string }[] = [
  {
    name: 'subscriptions',
    service: 'billing',
    body: JSON.stringify({
      query:
        'query CustomerJoins__billing__1($representations:[_Any!]!){_entities(representations:$representations){...on Customer{subscriptions{id status quantity currentPeriodEnd plan{id name}}}}}',
      variables: { representations: customers.map((id) => ({ __typename: 'Customer', id })) },
      operationName: 'CustomerJoins__billing__1',
    }),
  },
  {
    name: 'recentEvents',
    service: 'analytics',
    body: JSON.stringify({
      query:
        'query CustomerJoins__analytics__2($representations:[_Any!]!){_entities(representations:$representations){...on Customer{recentEvents(first:3){id name occurredAt}}}}',
      variables: {
        representations: customers.map((id) => ({ __typename: 'Customer', id, tenantId: demoTenant.id })),
      },
      operationName: 'CustomerJoins__analytics__2',
    }),
  },
];
const typename = JSON.stringify({ query: '{ __typename }' });

/** The demo admin, as the gateway names them to a subgraph. */
const identity: Identity = {
  kind: 'user',
  subjectId: demoUsers.admin.id,
  tenantId: demoTenant.id,
  role: 'ADMIN',
  scopes: [],
  sessionId: randomUUID(),
};

const signedHeaders = async (secret: string) => ({
  [gatewayTokenHeader]: await signGatewayToken(gatewayKey(secret), {
    requestId: randomUUID(),
    clientIp: '127.0.0.1',
    identity,
  }),
});

/** SQL statements a service has sent since it started (its codex_db_statement_duration_seconds count). */
async function statementsSent(graphqlUrl: string): Promise<number> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  const line = (await response.text())
    .split('\n')
    .find((entry) => entry.startsWith('codex_db_statement_duration_seconds_count'));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}

/** One answer, checked (no errors, some rows for the customers), and the statements it cost. */
async function checkFetch(url: string, body: string, headers: Record<string, string>) {
  const before = await statementsSent(url);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const answer = (await response.json()) as { data?: { _entities?: Record<string, unknown[]>[] }; errors?: unknown };
  const rows = (answer.data?._entities ?? []).reduce((sum, entity) => sum + (Object.values(entity)[0]?.length ?? 0), 0);
  if (answer.errors || rows === 0)
    throw new Error(`${body.slice(0, 120)} answered ${JSON.stringify(answer).slice(0, 300)}`);
  return { rows, statements: (await statementsSent(url)) - before };
}

/** req/s and CPU ms per answer of the service's process over one load run; errors fail the bench. */
async function measure(url: string, pid: number, body: string, headers: Record<string, string>) {
  const cpuBefore = await cpuSeconds(pid);
  const result = await load({ url, body, headers, connections: 1, seconds });
  if (result.errors > 0) throw new Error(`${body.slice(0, 120)}: ${result.errors} errors: ${result.firstError}`);
  return { rps: result.rps, cpuMs: (((await cpuSeconds(pid)) - cpuBefore) * 1000) / Math.max(1, result.requests) };
}

async function main() {
  const profiling = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`] : undefined;
  const { platform, gatewaySecret, stop } = await startBenchPlatform({ METRICS_TOKEN: metricsToken }, profiling);
  try {
    const samples = new Map<string, { rps: number; cpuMs: number }[]>();
    const record = (key: string, value: { rps: number; cpuMs: number }) =>
      samples.set(key, [...(samples.get(key) ?? []), value]);
    const checks = new Map<string, { rows: number; statements: number }>();
    for (let round = 0; round < rounds; round += 1) {
      // Signed per round: the gateway's header lives 60 s.
      const headers = await signedHeaders(gatewaySecret);
      for (const fetch of fetches) {
        const url = platform.subgraphUrls[fetch.service];
        const pid = platform.services[fetch.service].child.pid ?? 0;
        if (round === 0) checks.set(fetch.name, await checkFetch(url, fetch.body, headers));
        record(`${fetch.name}:typename`, await measure(url, pid, typename, headers));
        record(`${fetch.name}:entities`, await measure(url, pid, fetch.body, headers));
      }
    }
    console.info(`S2's _entities fetches, 1 connection, ${rounds} interleaved rounds of ${seconds} s, medians:`);
    console.info(
      '| fetch | subgraph | rows | SQL statements | { __typename } req/s | _entities req/s | ratio | CPU ms: __typename | CPU ms: _entities |',
    );
    console.info('| --- | --- | --: | --: | --: | --: | --: | --: | --: |');
    for (const fetch of fetches) {
      const typenames = samples.get(`${fetch.name}:typename`)!;
      const entities = samples.get(`${fetch.name}:entities`)!;
      const rps = [median(typenames.map((s) => s.rps)), median(entities.map((s) => s.rps))];
      const cpu = [median(typenames.map((s) => s.cpuMs)), median(entities.map((s) => s.cpuMs))];
      const ratio = median(entities.map((s, round) => s.rps / typenames[round]!.rps)).toFixed(2);
      const { rows, statements } = checks.get(fetch.name)!;
      const figures = [
        rows,
        statements,
        rps[0]!.toFixed(0),
        rps[1]!.toFixed(0),
        ratio,
        ...cpu.map((v) => v.toFixed(2)),
      ];
      console.info(`| ${fetch.name} | ${fetch.service} | ${figures.join(' | ')} |`);
    }
  } finally {
    await stop();
  }
}

await main();
