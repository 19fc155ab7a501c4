import type { BenchStack } from './bench-stack.ts';
import { scenarios } from './gateway-scenarios.ts';
import { load, median, rssOf, sampleRange, treeMemory } from './load.ts';
import { type MeterSources, serviceMemoryMiB } from './platform-cost.ts';
import { subgraphNames } from '@codex/kit';

const chunkSeconds = 10;
const fmt = (mib: number | undefined) => (mib === undefined ? '–' : mib.toFixed(0));
/** A slope under this, over the window after warm-up, is GC noise, not a leak. */
const growthMiBPerMinute = 2;
const decisiveSeconds = 300;

/**
 * Each period's lowest or highest sample (undefined for a period without one). The period is a
 * tenth of the soak, 10 s to a minute: a 300 s soak judges eight 30 s periods after its warm-up.
 */
const periodExtremes = (points: [number, number][], periodSeconds: number, pick: 'low' | 'high') => {
  const extremes: ([number, number] | undefined)[] = [];
  for (const [at, mib] of points) {
    const period = Math.floor((at - 1) / periodSeconds);
    const kept = extremes[period];
    if (!kept || (pick === 'low' ? mib < kept[1] : mib > kept[1])) extremes[period] = [at, mib];
  }
  return extremes;
};

/**
 * Theil–Sen slope of (seconds, MiB) points in MiB per minute: the median of the slopes between every
 * two points. A steady climb shows in every pair; one period lifted by a transient spike moves only
 * the pairs it is in, where a least-squares line follows it.
 */
function theilSenPerMinute(points: [number, number][]) {
  return median(points.flatMap(([x1, y1], i) => points.slice(i + 1).map(([x2, y2]) => ((y2 - y1) / (x2 - x1)) * 60)));
}

/** A table row whose columns are as wide as `header`'s names (at least 8). */
const rowOf = (header: string[]) => (cells: string[]) =>
  cells.map((cell, i) => cell.padStart(Math.max(8, (header[i] ?? '').length + 2))).join('');

/** Samples every process's RSS and PostgreSQL's parts each second until stopped: each figure's highest and lowest. */
const sampleProcesses = (processes: Record<string, number>) =>
  sampleRange(async () => {
    const rss = await rssOf(processes);
    const pg = await treeMemory(processes.postgres ?? 0);
    const perProcess = pg.privateMiB / Math.max(1, pg.processes);
    return {
      ...rss,
      'pg processes': pg.processes,
      'pg private': pg.privateMiB,
      'pg shared': pg.sharedMiB,
      'pg private per process': perProcess,
    };
  }, 1000);

/** Samples each Node service's memory figures (`serviceMemoryMiB`) each second, as `<service> <figure>`. */
const sampleServices = (sources: MeterSources, heapNames: string[]) =>
  sampleRange(async () => {
    const memory = await serviceMemoryMiB(sources).catch(() => []);
    return Object.fromEntries(
      memory.flatMap((figures, i) =>
        Object.entries(figures)
          // Before a service's first full collection there is no heap-after-GC figure yet.
          .filter(([figure, mib]) => figure !== 'heapAfterGc' || mib > 0)
          .map(([figure, mib]) => [`${heapNames[i]} ${figure}`, mib] as const),
      ),
    );
  }, 1000);

/**
 * S2 on our gateway at 20 connections for `seconds`, in back-to-back chunks (a fresh credential
 * each), printing every process's highest RSS per chunk, then per period (a tenth of the soak) the
 * figures the verdict reads. The first fifth is warm-up (pools filling, JIT, PostgreSQL's caches);
 * after it, a process grows steadily when the Theil–Sen slope of its period figures (the median of
 * the slopes between every two periods, so one transient spike does not decide) exceeds 2 MiB/min:
 * - each Node process's RSS high-water: memory held outside the V8 heap raises it;
 * - each Node service's V8 heap after a full collection (lowest per period): live objects piling
 *   up raise it, where the heap-in-use floor swung with allocation timing;
 * - each Node service's external memory (Buffers, lowest per period): Buffers kept alive raise it
 *   more plainly than they raise the RSS;
 * - PostgreSQL's private memory scaled to the most processes it had open (the mean per process
 *   times that count, high-water): a backend that keeps growing raises it, the pools opening and
 *   closing backends (bounded by their maxima) does not. PostgreSQL's total is printed but does not
 *   decide: besides that count it moves with the shared memory the busiest process maps, which
 *   jumps when the checkpointer writes buffers others dirtied (pages resident all along, bounded
 *   by `shared_buffers`).
 * The RSS floor is printed but does not decide: V8 and malloc keep the pages a collection freed.
 * Resolves false on any failed answer, or on steady growth in a soak of 300 s or more.
 */
export async function soak(stack: BenchStack, seconds: number) {
  const ours = stack.real[0]!;
  const names = Object.keys(stack.processes);
  const heapNames = ['gateway', ...subgraphNames];
  const chunks: { at: number; high: Record<string, number>; low: Record<string, number> }[] = [];
  console.log(
    `soak: ${scenarios.s2.id} on our gateway, 20 connections, ${seconds} s; RSS MiB per process (highest in each ${chunkSeconds} s)`,
  );
  const pgColumns = ['pg processes', 'pg private', 'pg shared'];
  const row = rowOf(['s', 'req/s', ...names, ...pgColumns]);
  console.log(row(['s', 'req/s', ...names, ...pgColumns]));
  let errors = 0;
  for (let elapsed = 0; elapsed < seconds; elapsed += chunkSeconds) {
    const stopProcesses = sampleProcesses(stack.processes);
    const stopServices = sampleServices(ours.behind, heapNames);
    const result = await load({
      url: ours.url,
      body: scenarios.s2.body,
      headers: await ours.headers(),
      connections: 20,
      seconds: chunkSeconds,
    });
    const processes = await stopProcesses();
    const services = await stopServices();
    errors += result.errors;
    if (result.firstError) console.error(`errors: ${result.firstError}`);
    const at = elapsed + chunkSeconds;
    chunks.push({ at, high: { ...processes.peak, ...services.peak }, low: { ...processes.low, ...services.low } });
    console.log(
      row([String(at), result.rps.toFixed(0), ...[...names, ...pgColumns].map((name) => fmt(processes.peak[name]))]),
    );
  }
  return verdict(chunks, seconds, names, heapNames, errors);
}

type Chunk = { at: number; high: Record<string, number>; low: Record<string, number> };

/** Prints the trend tables and the spikes, then the verdict; true when the soak passes. */
function verdict(chunks: Chunk[], seconds: number, names: string[], heapNames: string[], errors: number) {
  const period = Math.max(chunkSeconds, Math.min(60, Math.floor(seconds / 10 / chunkSeconds) * chunkSeconds));
  const warmUp = seconds / 5;
  // A figure a chunk has no sample of (a heap before its first full collection) is left out.
  const series = (figure: string, pick: 'high' | 'low') =>
    chunks.flatMap(({ at, ...sampled }): [number, number][] => {
      const mib = sampled[pick][figure];
      return mib === undefined ? [] : [[at, mib]];
    });
  const periods = Math.ceil(seconds / period);
  const trend = (title: string, pick: 'high' | 'low', columns: [string, string][]) => {
    const extremes = columns.map(([, figure]) => periodExtremes(series(figure, pick), period, pick));
    console.log(`\n${title} (${pick === 'high' ? 'highest' : 'lowest'} sample of each ${period} s), MiB`);
    const row = rowOf(['until s', ...columns.map(([label]) => label)]);
    console.log(row(['until s', ...columns.map(([label]) => label)]));
    for (let i = 0; i < periods; i += 1)
      console.log(row([String(Math.min(seconds, (i + 1) * period)), ...extremes.map((points) => fmt(points[i]?.[1]))]));
    const slopes = extremes.map((points) =>
      theilSenPerMinute(points.filter((point): point is [number, number] => point !== undefined && point[0] > warmUp)),
    );
    console.log(row([`slope/min`, ...slopes.map((slope) => slope.toFixed(2))]));
    return columns.filter((_, i) => slopes[i]! > growthMiBPerMinute).map(([label]) => `${label} (${title})`);
  };
  const nodeProcesses = names.filter((name) => name !== 'postgres');
  // PostgreSQL's private memory as if it always had its most processes open: a backend that keeps
  // growing raises it, the pools opening or closing backends does not.
  const mostProcesses = Math.max(...chunks.map(({ high }) => high['pg processes'] ?? 0));
  for (const { high } of chunks) high['pg private scaled'] = (high['pg private per process'] ?? 0) * mostProcesses;
  const growing = [
    ...trend(
      'RSS high-water',
      'high',
      nodeProcesses.map((name) => [name, name]),
    ),
    ...trend(
      'V8 heap after a full collection',
      'low',
      heapNames.map((name) => [name, `${name} heapAfterGc`]),
    ),
    ...trend(
      'external memory floor',
      'low',
      heapNames.map((name) => [name, `${name} external`]),
    ),
    ...trend('PostgreSQL', 'high', [
      ['processes', 'pg processes'],
      ['private', 'pg private'],
      ['shared', 'pg shared'],
      ['total RSS', 'postgres'],
      [`private at ${mostProcesses} processes`, 'pg private scaled'],
    ]).filter((name) => name.startsWith('private at')),
  ];
  trend(
    'RSS floor',
    'low',
    names.map((name) => [name, name]),
  );
  printLastChunk(chunks.at(-1), heapNames);
  printSpikes(chunks, names, heapNames);
  console.log(
    `${
      growing.length === 0
        ? `verdict: no steady growth after the ${warmUp} s warm-up (every decisive slope ≤ ${growthMiBPerMinute} MiB/min), ${errors} errors`
        : `verdict: memory grows steadily in ${growing.join(', ')}, ${errors} errors`
    }${seconds >= decisiveSeconds ? '' : ` (indicative only: a soak under ${decisiveSeconds} s does not fail the bench)`}`,
  );
  return errors === 0 && (growing.length === 0 || seconds < decisiveSeconds);
}

/** Where each Node service's RSS is in the last chunk: V8's committed heap, what is in use, external memory. */
function printLastChunk(last: Chunk | undefined, heapNames: string[]) {
  if (!last) return;
  const figures = ['heapTotal', 'heapUsed', 'heapAfterGc', 'external', 'arrayBuffers'];
  console.log(`\nNode memory in the last ${chunkSeconds} s (highest sample), MiB`);
  const row = rowOf(['service', 'RSS', ...figures]);
  console.log(row(['service', 'RSS', ...figures]));
  for (const name of heapNames)
    console.log(row([name, fmt(last.high[name]), ...figures.map((figure) => fmt(last.high[`${name} ${figure}`]))]));
}

/**
 * Chunks where a Node service's RSS rose past half as much again as its median chunk: what its heap
 * (committed, in use) and external memory were then, to tell V8's pages from native memory.
 */
function printSpikes(chunks: Chunk[], names: string[], heapNames: string[]) {
  for (const name of names.filter((process) => heapNames.includes(process))) {
    const peaks = chunks.map(({ high }) => high[name] ?? 0).sort((a, b) => a - b);
    const median = peaks[Math.floor(peaks.length / 2)] ?? 0;
    for (const { at, high } of chunks.filter((chunk) => (chunk.high[name] ?? 0) > median * 1.5))
      console.log(
        `spike: ${name} at ${at} s RSS ${fmt(high[name])} (median ${fmt(median)}); highest heap total ${fmt(high[`${name} heapTotal`])}, heap used ${fmt(high[`${name} heapUsed`])}, external ${fmt(high[`${name} external`])}, array buffers ${fmt(high[`${name} arrayBuffers`])}`,
      );
  }
}
