/**
 * Benchmark: our gateway beside Hive Gateway (JS planner) and Hive Gateway with
 * `@graphql-hive/router-runtime`, all started here on a throw-away platform, under autocannon.
 *   npm run bench                  3 interleaved rounds of 5 s per cell
 *   npm run bench -- --quick       1 round of 1 s per cell (under 2 minutes on an idle machine)
 *   npm run bench -- --soak 300    S2 on our gateway for 300 s, RSS of every process over time
 *   npm run bench -- --profile dir our gateway over the constant subgraphs (S4) runs with --cpu-prof into dir
 *   npm run bench -- --only S4 --rounds 5 --seconds 3   some scenarios, more or longer rounds (no docs written)
 * Any GraphQL error or non-2xx answer fails the bench. Writes docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { type Cell, machine, platformTable, resultTable, summary, writeBenchmarksDoc } from './bench-report.ts';
import { type BenchStack, startBenchStack, type Target } from './bench-stack.ts';
import { directScenarios, type Scenario, scenarios } from './gateway-scenarios.ts';
import { cpuSeconds, load, sampleRss } from './load.ts';
import { type PlatformCost, startMeter } from './platform-cost.ts';
import { soak } from './soak.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    soak: { type: 'string' },
    connections: { type: 'string', default: '20' },
    profile: { type: 'string' },
    only: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const quick = flags.quick ?? false;
const rounds = Number(flags.rounds ?? (quick ? 1 : 3));
const seconds = Number(flags.seconds ?? (quick ? 1 : 5));
/** Scenario ids to run (`--only S1,S4`); a partial run prints its table but leaves docs/benchmarks.md alone. */
const only = flags.only?.split(',').map((id) => id.trim().toUpperCase());
const selected = (scenario: Scenario) => !only || only.includes(scenario.id.toUpperCase());
const connectionCounts = [1, Number(flags.connections)];

/** `items` started at its `by`-th element. */
const rotated = <T>(items: T[], by: number) => items.map((_, i) => items[(i + by) % items.length] as T);

/**
 * The cells of one round, in the order they run: each scenario's targets side by side, the first
 * of them another one in every group and every round (a one-round --quick run too). The first
 * target of a group finds the subgraphs' database pools shrunk by the cells before (pg closes
 * connections idle for 10 s) and paid for opening them again before cells warmed themselves.
 */
function plan(stack: BenchStack, round = 0) {
  const cells: { scenario: Scenario; target: Target; connections: number }[] = [];
  let group = 0;
  const add = (scenario: Scenario, targets: Target[]) => {
    if (!selected(scenario)) return;
    for (const connections of connectionCounts) {
      for (const target of rotated(targets, round + group)) cells.push({ scenario, target, connections });
      group += 1;
    }
  };
  add(scenarios.s1, stack.real);
  add(scenarios.s2, stack.real);
  add(scenarios.s3, stack.real);
  add(scenarios.s4, stack.constant);
  add(directScenarios.typename, [stack.crm]);
  add(directScenarios.page, [stack.crm]);
  return cells;
}

/**
 * One short run per target and scenario first: warms caches and JITs, records the constant answers.
 * A quarter of a second in a quick run: every cell also warms itself at its own concurrency.
 */
async function warmUp(work: ReturnType<typeof plan>) {
  for (const { scenario, target } of work.filter((cell) => cell.connections === connectionCounts[0])) {
    const result = await load({
      url: target.url,
      body: scenario.body,
      headers: await target.headers(),
      connections: 4,
      seconds: quick ? 0.25 : 1,
    });
    if (result.errors > 0) throw new Error(`${scenario.id} on ${target.name} fails: ${result.firstError}`);
  }
}

async function measure(stack: BenchStack) {
  await warmUp(plan(stack));
  const cells = new Map<string, Cell>();
  const stopSampling = sampleRss(stack.processes, 1000);
  for (let round = 0; round < rounds; round += 1) {
    for (const { scenario, target, connections } of plan(stack, round)) {
      const key = `${scenario.id}|${connections}|${target.name}`;
      const cell = cells.get(key) ?? { scenario: scenario.id, connections, target: target.name, rounds: [], rssMiB: 0 };
      const stopTarget = sampleRss({ target: target.pid }, 250);
      const headers = await target.headers();
      // Unmeasured: brings the subgraphs' database pools up to this cell's concurrency first, so
      // no target pays for the connections the cells before it let go.
      await load({
        url: target.url,
        body: scenario.body,
        headers,
        connections,
        seconds,
        amount: Math.max(20, connections * 2),
      });
      const stopMeter = await startMeter(target.behind);
      const cpuBefore = await cpuSeconds(target.pid);
      const result = await load({ url: target.url, body: scenario.body, headers, connections, seconds });
      const cpuMsPerRequest = (((await cpuSeconds(target.pid)) - cpuBefore) * 1000) / Math.max(1, result.requests);
      const platform = await stopMeter(result.requests);
      cell.rounds.push({ ...result, cpuMsPerRequest, platform });
      cell.rssMiB = Math.max(cell.rssMiB, (await stopTarget()).target ?? 0);
      cells.set(key, cell);
      const s = summary({ ...cell, rounds: cell.rounds.slice(-1) });
      console.log(
        `round ${round + 1} ${key.padEnd(22)} ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  CPU ${s.cpuMs.toFixed(2)} ms/req  errors ${s.errors}  ${behindLine(platform)}`,
      );
    }
  }
  return { cells: [...cells.values()], peakRss: await stopSampling() };
}

/** The round's cost behind the target, per answer, for the console. */
const behindLine = (cost: PlatformCost) =>
  `behind: ${Object.entries(cost.cpuMs)
    .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
    .join(' ')} CPU ms; ${cost.subgraphOperations.toFixed(1)} subgraph ops, ${cost.sqlStatements.toFixed(1)} SQL${
    cost.postgresProcesses ? `; postgres processes ${cost.postgresProcesses.join(' → ')}` : ''
  }${
    cost.gatewayLoopP99Ms === undefined
      ? ''
      : `; loop p99 ${cost.gatewayLoopP99Ms.toFixed(1)} ms, ${cost.gatewayConnects} subgraph connections opened`
  }`;

/** Our gateway's row is compared with the direct subgraph where there is one: S1 against CRM's S1. */
const directBaseline = (cells: Cell[]) => (cell: Cell) =>
  cell.scenario === scenarios.s1.id
    ? cells.find((c) => c.scenario === directScenarios.page.id && c.connections === cell.connections)
    : undefined;

function report(cells: Cell[], peakRss: Record<string, number>) {
  const table = resultTable(cells, directBaseline(cells));
  const pageToTypename = connectionCounts.map((connections) => {
    const of = (id: string) => cells.find((c) => c.scenario === id && c.connections === connections);
    const [page, typename] = [of(directScenarios.page.id), of(directScenarios.typename.id)];
    return `${connections} conn: ${page && typename ? (summary(page).rps / summary(typename).rps).toFixed(2) : '–'}`;
  });
  const rss = Object.entries(peakRss)
    .map(([name, mib]) => `${name} ${mib.toFixed(0)}`)
    .join(', ');
  return [
    `Machine: ${machine()}. Date: ${new Date().toISOString()}.`,
    `Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (${rounds} interleaved round(s) of ${seconds} s per cell, autocannon, medians of rounds).`,
    'Each round another target leads each group of cells, and every cell first sends max(20, 5 × connections)',
    "unmeasured requests at its own concurrency, so no target pays for the subgraphs' database pools reopening.",
    '',
    'Peers: `hive-gateway supergraph` (@graphql-hive/gateway, one worker) with its JS planner ("hive") and with',
    '`--hive-router-runtime` ("hive-rr"); inflight request deduplication OFF',
    "(`transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } }`); they forward a",
    "pre-signed `x-codex-gateway` header (our subgraphs require it) and reach CDX at our gateway's `/cdx/graphql`.",
    "Our gateway verifies the admin's Bearer access token and signs its subgraph requests itself.",
    'S4 runs S2 against constant subgraphs (answers recorded once from the real subgraphs, then served from memory).',
    "Ratios: ×Hive and ×Hive+rr are our req/s over the peer's (targets ≥ 1.2 and ≥ 1.0); ×direct is our S1 over",
    'S1 sent straight to CRM. CPU ms/req: CPU time (user + system, workers included) the target process used per',
    "answer, from /proc; on a shared machine it is steadier than req/s. RSS MiB: the target's highest resident memory",
    "in the cell (workers' private memory added, pages they share counted once).",
    '',
    table,
    '',
    'Behind each gateway, per answer (medians of rounds): CPU ms of each subgraph and of PostgreSQL (backends',
    'included); "gateway" is our gateway process, which for the peers serves CDX (S3); the subgraphs\' GraphQL',
    "operations and SQL statements, from their metrics; our gateway's event-loop delay p99 over the cell.",
    '',
    platformTable(cells),
    '',
    `CRM direct, page / { __typename } (data-path target ≥ 0.5): ${pageToTypename.join(', ')}.`,
    '',
    `Peak RSS under load, MiB: ${rss}.`,
  ].join('\n');
}

const started = performance.now();
// A soak runs S2 on our gateway only: it starts neither the peers nor the S4 stack.
const stack = await startBenchStack({
  withPeers: flags.soak === undefined,
  withConstant: flags.soak === undefined,
  profileDir: flags.profile,
});
console.log(`started the bench stack in ${((performance.now() - started) / 1000).toFixed(0)} s`);
let failed = false;
try {
  if (flags.soak !== undefined) {
    failed = !(await soak(stack, Number(flags.soak)));
  } else {
    const { cells, peakRss } = await measure(stack);
    const text = report(cells, peakRss);
    console.log(`\n${text}`);
    const failing = cells.filter((cell) => summary(cell).errors > 0);
    failed = failing.length > 0;
    for (const cell of failing)
      console.error(
        `FAILED ${cell.scenario} ${cell.connections} conn ${cell.target}: ${cell.rounds.find((r) => r.firstError)?.firstError}`,
      );
    if (!failed && !only)
      console.log(`\nwrote ${await writeBenchmarksDoc(`## Gateway: \`npm run bench\`\n\n${text}`)}`);
  }
} finally {
  await stack.stop();
}
process.exit(failed ? 1 : 0);
