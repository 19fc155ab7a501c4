import type { BenchStack } from './bench-stack.ts';
import { scenarios } from './gateway-scenarios.ts';
import { load, sampleRssRange } from './load.ts';
import { heapUsedMiB } from './platform-cost.ts';
import { subgraphNames } from '@codex/kit';

const chunkSeconds = 10;
const fmt = (mib: number | undefined) => (mib === undefined ? '–' : mib.toFixed(0));
/** A slope under this, over the window after warm-up, is GC noise, not a leak. */
const growthMiBPerMinute = 2;
const decisiveSeconds = 300;

/**
 * Each period's lowest RSS: what is left after the collector ran, so GC's saw-tooth does not read
 * as growth. The period is a minute, or a sixth of a shorter soak (a 60 s soak still gets a trend).
 */
const periodFloors = (points: [number, number][], periodSeconds: number) => {
  const floors = new Map<number, [number, number]>();
  for (const [at, mib] of points) {
    const period = Math.floor((at - 1) / periodSeconds);
    const floor = floors.get(period);
    if (!floor || mib < floor[1]) floors.set(period, [at, mib]);
  }
  return [...floors.values()];
};

/** Least-squares slope of (seconds, MiB) points, in MiB per minute. */
function slopePerMinute(points: [number, number][]) {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance > 0 ? (covariance / variance) * 60 : 0;
}

/**
 * S2 on our gateway at 20 connections for `seconds`, in back-to-back chunks (a fresh credential
 * each), printing every process's highest RSS per chunk, then its RSS floor (lowest sample) per
 * minute, or per sixth of a shorter soak. The verdict is the slope of those floors after the first
 * fifth. Resolves false on any failed answer, or on steady growth in a soak of 300 s or more.
 */
export async function soak(stack: BenchStack, seconds: number) {
  const ours = stack.real[0]!;
  const names = Object.keys(stack.processes);
  const series: Record<string, [number, number][]> = Object.fromEntries(names.map((name) => [name, []]));
  const heapNames = ['gateway', ...subgraphNames];
  const heaps: Record<string, [number, number][]> = Object.fromEntries(heapNames.map((name) => [name, []]));
  console.log(
    `soak: ${scenarios.s2.id} on our gateway, 20 connections, ${seconds} s; RSS MiB per process (highest in each ${chunkSeconds} s)`,
  );
  /** A table row whose columns are as wide as `header`'s names (at least 8). */
  const rowOf = (header: string[]) => (cells: string[]) =>
    cells.map((cell, i) => cell.padStart(Math.max(8, (header[i] ?? '').length + 2))).join('');
  const row = rowOf(['s', 'req/s', ...names]);
  console.log(row(['s', 'req/s', ...names]));
  let errors = 0;
  for (let elapsed = 0; elapsed < seconds; elapsed += chunkSeconds) {
    const stopSampling = sampleRssRange(stack.processes, 1000);
    const result = await load({
      url: ours.url,
      body: scenarios.s2.body,
      headers: await ours.headers(),
      connections: 20,
      seconds: chunkSeconds,
    });
    const { peak: rss, low } = await stopSampling();
    errors += result.errors;
    if (result.firstError) console.error(`errors: ${result.firstError}`);
    for (const name of names) series[name]!.push([elapsed + chunkSeconds, low[name] ?? 0]);
    const heapNow = await heapUsedMiB(ours.behind);
    for (const [i, name] of heapNames.entries()) heaps[name]!.push([elapsed + chunkSeconds, heapNow[i] ?? 0]);
    const cells = [
      String(elapsed + chunkSeconds),
      result.rps.toFixed(0),
      ...names.map((name) => (rss[name] ?? 0).toFixed(0)),
    ];
    console.log(row(cells));
  }
  const period = Math.max(chunkSeconds, Math.min(60, Math.floor(seconds / 6 / chunkSeconds) * chunkSeconds));
  const floorTable = (title: string, columns: string[], points: Record<string, [number, number][]>) => {
    const floors = Object.fromEntries(columns.map((name) => [name, periodFloors(points[name]!, period)]));
    console.log(`\n${title} (lowest sample of each ${period} s) per process, MiB`);
    const row = rowOf(['until s', '', ...columns]);
    console.log(row(['until s', '', ...columns]));
    for (const [i, [at]] of (floors[columns[0]!] ?? []).entries())
      console.log(
        row([String(Math.ceil(at / period) * period), '', ...columns.map((name) => fmt(floors[name]?.[i]?.[1]))]),
      );
    return columns.filter((name) => {
      const slope = slopePerMinute(floors[name]!.filter(([at]) => at > seconds / 5));
      console.log(
        `${name.padEnd(22)} ${title} slope ${slope.toFixed(2)} MiB/min over the last ${Math.round((seconds * 4) / 5)} s`,
      );
      return slope > growthMiBPerMinute;
    });
  };
  const growing = floorTable('RSS floor', names, series);
  // The heaps, sampled once per chunk, say whether a growing RSS holds live objects (a leak) or
  // pages the allocator kept; the verdict stays on RSS.
  floorTable('V8 heap used floor', heapNames, heaps);
  // Under five minutes a heap still settling reads as growth: the verdict is printed, but only a
  // soak of at least `decisiveSeconds` fails the bench on it (errors always do).
  const decisive = seconds >= decisiveSeconds;
  console.log(
    `${
      growing.length === 0
        ? `verdict: no steady RSS growth (every slope ≤ ${growthMiBPerMinute} MiB/min), ${errors} errors`
        : `verdict: RSS grows steadily in ${growing.join(', ')}, ${errors} errors`
    }${decisive ? '' : ` (indicative only: a soak under ${decisiveSeconds} s includes the heaps' warm-up)`}`,
  );
  return errors === 0 && (growing.length === 0 || !decisive);
}
