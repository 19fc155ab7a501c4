import { childrenOf, cpuSeconds } from './load.ts';

/**
 * What the processes behind a gateway spent per answer during one cell: CPU ms of each subgraph and
 * of PostgreSQL (its backends included), and, from the subgraphs' own metrics, the GraphQL
 * operations they served and the SQL statements they sent per answer. Comparing it across gateways
 * says whether a gateway makes the subgraphs work harder (more fetches, other fetch bodies, more SQL).
 */
export interface PlatformCost {
  cpuMs: Record<string, number>;
  subgraphOperations: number;
  sqlStatements: number;
  /** Event-loop delay p99 of our gateway over the cell (prom-client resets it on every scrape), ms. */
  gatewayLoopP99Ms?: number;
  /** Connections our gateway opened to subgraphs during the cell (not per answer). */
  gatewayConnects?: number;
  /**
   * PostgreSQL's processes (backends and its own workers) at the cell's start and end: a rise means
   * the subgraphs' pools opened connections in this cell, each a fork with cold caches.
   */
  postgresProcesses?: [number, number];
}

/** Where a meter reads: the processes, each subgraph's `/metrics` and, for our gateway, its own. */
export interface MeterSources {
  pids: Record<string, number>;
  subgraphMetricsUrls: string[];
  gatewayMetricsUrl?: string;
  /** A gateway signature: what `/metrics` of every service accepts. */
  signed: () => Promise<Record<string, string>>;
}

const connects = 'codex_subgraph_connections_opened_total';

/** The sum of a metric's samples over every label set in a Prometheus text scrape. */
export const sampleSum = (text: string, name: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

async function scrape(url: string, signed: MeterSources['signed']) {
  const response = await fetch(url, { headers: await signed() });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** What a soak reads of each Node service's memory, from its `/metrics`, by the name it prints. */
const memoryMetrics = {
  heapUsed: 'nodejs_heap_size_used_bytes',
  heapTotal: 'nodejs_heap_size_total_bytes',
  heapAfterGc: 'codex_nodejs_heap_after_major_gc_bytes',
  external: 'nodejs_external_memory_bytes',
  arrayBuffers: 'codex_nodejs_array_buffers_bytes',
} as const;
export type ServiceMemory = Record<keyof typeof memoryMetrics, number>;

/**
 * Memory (MiB) of our gateway and each subgraph as V8 and Node count it, from their `/metrics`: in a
 * soak, the heap after a full collection says whether live objects pile up; the heap's committed
 * size and the external memory say what an RSS rise that the heap in use does not show is made of.
 */
export async function serviceMemoryMiB(sources: MeterSources): Promise<ServiceMemory[]> {
  const urls = [...(sources.gatewayMetricsUrl ? [sources.gatewayMetricsUrl] : []), ...sources.subgraphMetricsUrls];
  const texts = await Promise.all(urls.map((url) => scrape(url, sources.signed)));
  return texts.map(
    (text) =>
      Object.fromEntries(
        Object.entries(memoryMetrics).map(([figure, metric]) => [figure, sampleSum(text, metric) / 2 ** 20]),
      ) as ServiceMemory,
  );
}

async function counters(sources: MeterSources) {
  const texts = await Promise.all(sources.subgraphMetricsUrls.map((url) => scrape(url, sources.signed)));
  return {
    operations: texts.reduce((sum, text) => sum + sampleSum(text, 'codex_graphql_request_duration_seconds_count'), 0),
    statements: texts.reduce((sum, text) => sum + sampleSum(text, 'codex_db_statement_duration_seconds_count'), 0),
  };
}

async function cpuOf(pids: Record<string, number>) {
  const entries = await Promise.all(Object.entries(pids).map(async ([name, pid]) => [name, await cpuSeconds(pid)]));
  return Object.fromEntries(entries) as Record<string, number>;
}

/** Starts metering a cell; the returned function ends it and divides by the answers the cell got. */
export async function startMeter(sources: MeterSources) {
  // Scraping our gateway first resets its event-loop histogram: the end's p99 is this cell's.
  const gatewayBefore = sources.gatewayMetricsUrl ? await scrape(sources.gatewayMetricsUrl, sources.signed) : '';
  const postgres = sources.pids.postgres;
  const processesOf = async () => (postgres ? (await childrenOf(postgres)).length : undefined);
  const [cpuBefore, before, processesBefore] = await Promise.all([
    cpuOf(sources.pids),
    counters(sources),
    processesOf(),
  ]);
  return async (answers: number): Promise<PlatformCost> => {
    const [cpuAfter, after, loop, processesAfter] = await Promise.all([
      cpuOf(sources.pids),
      counters(sources),
      sources.gatewayMetricsUrl ? scrape(sources.gatewayMetricsUrl, sources.signed) : undefined,
      processesOf(),
    ]);
    const per = (value: number) => value / Math.max(1, answers);
    return {
      cpuMs: Object.fromEntries(
        Object.keys(sources.pids).map((name) => [name, per(((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0)) * 1000)]),
      ),
      subgraphOperations: per(after.operations - before.operations),
      sqlStatements: per(after.statements - before.statements),
      ...(processesBefore === undefined || processesAfter === undefined
        ? {}
        : { postgresProcesses: [processesBefore, processesAfter] as [number, number] }),
      ...(loop
        ? {
            gatewayLoopP99Ms: sampleSum(loop, 'nodejs_eventloop_lag_p99_seconds') * 1000,
            gatewayConnects: sampleSum(loop, connects) - sampleSum(gatewayBefore, connects),
          }
        : {}),
    };
  };
}
