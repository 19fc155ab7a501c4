/**
 * The data path's cost: a 20-row page of each domain list sent straight to its subgraph (signed as
 * the gateway would, one connection), against that subgraph's `{ __typename }`, in interleaved
 * rounds. Prints req/s medians and the ratio page / __typename per list (issue 11: ≥ 0.5).
 *
 *   npm run bench:data-path [-- --rounds 5 --seconds 3] [--lists customers,leads] [--only page] [--profile dir]
 *     [--node-args=--max-semi-space-size=32]
 *
 * `--lists` measures only the named lists; `--only page` (or `typename`) measures only that side,
 * so a profile holds one kind of request; `--profile dir` runs every service with `--cpu-prof`
 * into `dir` (one .cpuprofile per process, written when the bench stops them); `--node-args` (space
 * separated) go to every service's Node, to try V8 settings such as the young generation's size.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gatewayKey, gatewayTokenHeader, signGatewayToken, type Identity, type SubgraphName } from '@codex/kit';
import autocannon from 'autocannon';
import { connectDatabasesAt } from '../../tests/support/database-clients.ts';
import { createTenant } from '../../tests/support/tenant-fixture.ts';
import { startBenchPlatform } from './bench-platform.ts';
import { median } from './load.ts';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    lists: { type: 'string' },
    profile: { type: 'string' },
    only: { type: 'string' },
    'node-args': { type: 'string' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);

/** One 20-row page per domain list, each from the subgraph that owns it. */
const allPages: { list: string; service: SubgraphName; query: string }[] = [
  {
    list: 'customers',
    service: 'crm',
    query: '{ customers(first: 20) { edges { node { id email firstName lastName company } } } }',
  },
  { list: 'leads', service: 'crm', query: '{ leads(first: 20) { edges { node { id title value currency } } } }' },
  {
    list: 'contentItems',
    service: 'cms',
    query: '{ contentItems(first: 20) { edges { node { id slug title status } } } }',
  },
  {
    list: 'invoices',
    service: 'billing',
    query: '{ invoices(first: 20) { edges { node { id number status total } } } }',
  },
  { list: 'events', service: 'analytics', query: '{ events(first: 20) { edges { node { id name occurredAt } } } }' },
];
const chosen = options.lists?.split(',');
const pages = chosen ? allPages.filter((page) => chosen.includes(page.list)) : allPages;

/** A tenant with 25 rows in every list, written straight to the databases (as the tests' fixtures do). */
async function benchTenant(urls: Record<SubgraphName, string>) {
  const databases = connectDatabasesAt(urls);
  const rows = 25;
  const tenant = await createTenant(databases, {
    customers: rows,
    leads: Array.from({ length: rows }, () => 'OPEN' as const),
    contentItems: Array.from({ length: rows }, () => 'PUBLISHED' as const),
    subscriptions: Array.from({ length: rows }, () => 'ACTIVE' as const),
    invoices: Array.from({ length: rows }, () => 'OPEN' as const),
    eventAgesHours: Array.from({ length: rows }, (_, i) => i),
  });
  await databases.disconnect();
  return tenant.id;
}

/** The embedded cluster's postmaster, by its port (its backends are its children). */
async function postgresPid(databaseUrl: string): Promise<number> {
  const port = new URL(databaseUrl).port;
  for (const entry of await readdir('/proc')) {
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = cmdline.split('\0');
    if (args[0]?.endsWith('/bin/postgres') && args[args.indexOf('-p') + 1] === port) return Number(entry);
  }
  throw new Error(`no PostgreSQL on port ${port}`);
}

/** One measurement: req/s, and CPU ms per request of the subgraph and of PostgreSQL (every backend). */
interface Measured {
  rps: number;
  subgraphCpuMs: number;
  postgresCpuMs: number;
}

/** CPU seconds of each process under `pid` (itself included), by pid. */
async function cpuByProcess(pid: number, into = new Map<number, number>()): Promise<Map<number, number>> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return into;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  into.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(' ').filter(Boolean)) await cpuByProcess(Number(child), into);
  return into;
}

/** CPU seconds used between two readings by the processes alive at both (a backend that ended drops out of both). */
function cpuUsed(before: Map<number, number>, after: Map<number, number>) {
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? seconds);
  return used;
}

/** Untimed requests before each measurement: the process has just served another list or nothing at all. */
const warmUpRequests = 300;

/**
 * req/s of `query` against `url` at one connection for `seconds`, with the CPU the subgraph and
 * PostgreSQL used per request, after `warmUpRequests` of the same query (a subgraph that sat idle
 * while the other lists were measured answered its first second measurably slower).
 */
async function measure(url: string, query: string, headers: Record<string, string>, pids: [number, number]) {
  await oneConnection(url, query, headers, { amount: warmUpRequests });
  const before = await Promise.all(pids.map((pid) => cpuByProcess(pid)));
  const result = await requestsPerSecond(url, query, headers);
  const after = await Promise.all(pids.map((pid) => cpuByProcess(pid)));
  const perRequest = (index: number) => (cpuUsed(before[index]!, after[index]!) * 1000) / Math.max(1, result.requests);
  return { rps: result.rps, subgraphCpuMs: perRequest(0), postgresCpuMs: perRequest(1) };
}

/** req/s of `query` against `url` at one connection for `seconds`; any error or non-2xx fails the bench. */
async function requestsPerSecond(url: string, query: string, headers: Record<string, string>) {
  const result = await oneConnection(url, query, headers, { duration: seconds });
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`${query}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return { rps: result.requests.average, requests: result.requests.total };
}

/** autocannon at one connection, `query` posted `amount` times or for `duration` seconds. */
const oneConnection = (
  url: string,
  query: string,
  headers: Record<string, string>,
  howLong: { amount: number } | { duration: number },
) =>
  autocannon({
    url,
    connections: 1,
    ...howLong,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

async function signedHeaders(secret: string, identity: Identity) {
  const token = await signGatewayToken(gatewayKey(secret), {
    requestId: randomUUID(),
    clientIp: '127.0.0.1',
    identity,
  });
  return { [gatewayTokenHeader]: token };
}

/** Checks the page answers without errors and with 20 rows before it is measured. */
async function checkPage(url: string, query: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Record<string, { edges: unknown[] }>; errors?: unknown[] };
  const edges = Object.values(body.data ?? {})[0]?.edges.length;
  if (body.errors || edges !== 20) throw new Error(`${query} answered ${JSON.stringify(body).slice(0, 300)}`);
}

async function main() {
  const profiling = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`] : [];
  const nodeArgs = [...profiling, ...(options['node-args']?.split(' ').filter(Boolean) ?? [])];
  const { platform, gatewaySecret: secret, stop } = await startBenchPlatform({}, nodeArgs);
  try {
    const tenantId = await benchTenant(platform.databaseUrls);
    const identity: Identity = {
      kind: 'user',
      subjectId: randomUUID(),
      tenantId,
      role: 'ADMIN',
      scopes: [],
      sessionId: randomUUID(),
    };
    const samples = new Map<string, Measured[]>();
    const record = (key: string, value: Measured) => samples.set(key, [...(samples.get(key) ?? []), value]);
    const pgPid = await postgresPid(platform.databaseUrls.crm);
    for (let round = 0; round < rounds; round += 1) {
      // Signed per round: the gateway's header lives 60 s.
      const headers = await signedHeaders(secret, identity);
      for (const page of pages) {
        const url = platform.subgraphUrls[page.service];
        const pids: [number, number] = [platform.services[page.service].child.pid ?? 0, pgPid];
        if (round === 0) await checkPage(url, page.query, headers);
        // Which of the pair goes first alternates by round.
        const pair = [
          ['typename', '{ __typename }'],
          ['page', page.query],
        ] as const;
        for (const [kind, query] of round % 2 === 0 ? pair : [...pair].reverse())
          if (options.only === undefined || options.only === kind)
            record(`${page.list}:${kind}`, await measure(url, query, headers, pids));
      }
    }
    printRates(samples);
    printCpu(samples);
  } finally {
    await stop();
  }
}

const none: Measured[] = [{ rps: Number.NaN, subgraphCpuMs: Number.NaN, postgresCpuMs: Number.NaN }];

function printRates(samples: Map<string, Measured[]>) {
  console.info(`data path, 1 connection, ${rounds} interleaved rounds of ${seconds} s, medians (req/s):`);
  // Each round's ratio is taken from two back-to-back measurements: steadier on a shared machine.
  console.info('| list | subgraph | { __typename } | 20-row page | page / __typename | median of round ratios |');
  console.info('| --- | --- | --- | --- | --- | --- |');
  for (const page of pages) {
    const typenames = (samples.get(`${page.list}:typename`) ?? none).map((sample) => sample.rps);
    const lists = (samples.get(`${page.list}:page`) ?? none).map((sample) => sample.rps);
    const [typename, list] = [median(typenames), median(lists)];
    const ratio = (list / typename).toFixed(2);
    const roundRatio = median(lists.map((value, round) => value / typenames[round]!)).toFixed(2);
    const figures = `${typename.toFixed(0)} | ${list.toFixed(0)} | ${ratio} | ${roundRatio}`;
    console.info(`| ${page.list} | ${page.service} | ${figures} |`);
  }
}

/**
 * CPU per request (medians), steadier than req/s on a shared machine: F is `{ __typename }`'s CPU
 * in the subgraph, P what a page adds in the subgraph and in PostgreSQL; F / (F + P) is the ratio
 * the page would reach if nothing waited for a core.
 */
function printCpu(samples: Map<string, Measured[]>) {
  console.info('CPU ms per request (medians): subgraph, PostgreSQL; P = what a page adds; F / (F + P)');
  console.info('| list | { __typename } subgraph | page subgraph | page PostgreSQL | P | F / (F + P) |');
  console.info('| --- | --- | --- | --- | --- | --- |');
  for (const page of pages) {
    const typenames = samples.get(`${page.list}:typename`) ?? none;
    const lists = samples.get(`${page.list}:page`) ?? none;
    const f = median(typenames.map((sample) => sample.subgraphCpuMs));
    const pageSubgraph = median(lists.map((sample) => sample.subgraphCpuMs));
    const pagePostgres = median(lists.map((sample) => sample.postgresCpuMs));
    const typenamePostgres = median(typenames.map((sample) => sample.postgresCpuMs));
    const p = pageSubgraph - f + (pagePostgres - typenamePostgres);
    const figures = [f, pageSubgraph, pagePostgres, p].map((value) => value.toFixed(3)).join(' | ');
    console.info(`| ${page.list} | ${figures} | ${(f / (f + p)).toFixed(2)} |`);
  }
}

await main();
