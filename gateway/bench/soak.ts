import type { BenchStack } from './bench-stack.ts';
import { scenarios } from './gateway-scenarios.ts';
import { load, sampleRange, sampleRssRange } from './load.ts';
import { heapUsedMiB } from './platform-cost.ts';
import { subgraphNames } from '@codex/kit';

const chunkSeconds = 10;
const fmt = (mib: number | undefined) => (mib === undefined ? '–' : mib.toFixed(0));
/** A slope under this, over the window after warm-up, is GC noise, not a leak. */
const growthMiBPerMinute = 2;
const decisiveSeconds = 300;

/**
 * Each period's lowest or highest sample. The period is a minute, or a sixth of a shorter soak (a
 * 60 s soak still gets a trend).
 */
const periodExtremes = (points: [number, number][], periodSeconds: number, pick: 'lowest' | 'highest') => {
  const extremes = new Map<number, [number, number]>();
  for (const [at, mib] of points) {
    const period = Math.floor((at - 1) / periodSeconds);
    const kept = extremes.get(period);
    if (!kept || (pick === 'lowest' ? mib < kept[1] : mib > kept[1])) extremes.set(period, [at, mib]);
  }
  return [...extremes.values()];
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
 * each), printing every process's highest RSS per chunk, then per minute (or per sixth of a shorter
 * soak): each process's RSS high-water and floor, and each service's V8 heap-in-use floor. After
 * the first fifth, a process grows steadily when its RSS high-water or its heap floor climbs.
 *
 * The RSS floor is printed but does not decide: V8 and malloc keep the pages a collection freed, so
 * under steady load the floor climbs toward a level high-water (measured: gateway floor 337 → 362
 * MiB over 200 s while its high-water stayed 408–422 and its heap floor fell). A leak raises the
 * high-water (memory held outside the heap) or the heap floor (live objects piling up).
 * Resolves false on any failed answer, or on steady growth in a soak of 300 s or more.
 */
export async function soak(stack: BenchStack, seconds: number) {
  const ours = stack.real[0]!;
  const names = Object.keys(stack.processes);
  const floors: Record<string, [number, number][]> = Object.fromEntries(names.map((name) => [name, []]));
  const peaks: Record<string, [number, number][]> = Object.fromEntries(names.map((name) => [name, []]));
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
    const stopHeaps = sampleRange(async () => {
      const used = await heapUsedMiB(ours.behind).catch(() => []);
      return Object.fromEntries(used.map((mib, i) => [heapNames[i], mib]));
    }, 1000);
    const result = await load({
      url: ours.url,
      body: scenarios.s2.body,
      headers: await ours.headers(),
      connections: 20,
      seconds: chunkSeconds,
    });
    const { peak: rss, low } = await stopSampling();
    const { low: heapNow } = await stopHeaps();
    errors += result.errors;
    if (result.firstError) console.error(`errors: ${result.firstError}`);
    for (const name of names) {
      floors[name]!.push([elapsed + chunkSeconds, low[name] ?? 0]);
      peaks[name]!.push([elapsed + chunkSeconds, rss[name] ?? 0]);
    }
    for (const name of heapNames) heaps[name]!.push([elapsed + chunkSeconds, heapNow[name] ?? 0]);
    const cells = [
      String(elapsed + chunkSeconds),
      result.rps.toFixed(0),
      ...names.map((name) => (rss[name] ?? 0).toFixed(0)),
    ];
    console.log(row(cells));
  }
  const period = Math.max(chunkSeconds, Math.min(60, Math.floor(seconds / 6 / chunkSeconds) * chunkSeconds));
  const trendTable = (
    title: string,
    pick: 'lowest' | 'highest',
    columns: string[],
    points: Record<string, [number, number][]>,
  ) => {
    const extremes = Object.fromEntries(columns.map((name) => [name, periodExtremes(points[name]!, period, pick)]));
    console.log(`\n${title} (${pick} sample of each ${period} s) per process, MiB`);
    const row = rowOf(['until s', '', ...columns]);
    console.log(row(['until s', '', ...columns]));
    for (const [i, [at]] of (extremes[columns[0]!] ?? []).entries())
      console.log(
        row([String(Math.ceil(at / period) * period), '', ...columns.map((name) => fmt(extremes[name]?.[i]?.[1]))]),
      );
    return columns.filter((name) => {
      const slope = slopePerMinute(extremes[name]!.filter(([at]) => at > seconds / 5));
      console.log(
        `${name.padEnd(22)} ${title} slope ${slope.toFixed(2)} MiB/min over the last ${Math.round((seconds * 4) / 5)} s`,
      );
      return slope > growthMiBPerMinute;
    });
  };
  const highWater = trendTable('RSS high-water', 'highest', names, peaks);
  trendTable('RSS floor', 'lowest', names, floors);
  const heapFloor = trendTable('V8 heap-in-use floor', 'lowest', heapNames, heaps);
  const growing = [
    ...highWater.map((name) => `${name} (RSS high-water)`),
    ...heapFloor.map((name) => `${name} (heap floor)`),
  ];
  // Under five minutes a heap still settling reads as growth: the verdict is printed, but only a
  // soak of at least `decisiveSeconds` fails the bench on it (errors always do).
  const decisive = seconds >= decisiveSeconds;
  console.log(
    `${
      growing.length === 0
        ? `verdict: no steady growth (every high-water and heap-floor slope ≤ ${growthMiBPerMinute} MiB/min), ${errors} errors`
        : `verdict: memory grows steadily in ${growing.join(', ')}, ${errors} errors`
    }${decisive ? '' : ` (indicative only: a soak under ${decisiveSeconds} s includes the heaps' warm-up)`}`,
  );
  return errors === 0 && (growing.length === 0 || !decisive);
}
