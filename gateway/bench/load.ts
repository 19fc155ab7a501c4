import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';

/** Children of a process (a gateway's workers count as the gateway). */
export const childrenOf = async (pid: number) =>
  (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).split(' ').filter(Boolean).map(Number);

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times, is 100 on every architecture Node runs on. */
const clockTicksPerSecond = 100;

/** A process's resident memory by kind, in KiB (`/proc/<pid>/status`): VmRSS is their sum. */
async function residentKiB(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { anon: kib('RssAnon'), file: kib('RssFile'), shmem: kib('RssShmem') };
}

/**
 * Resident memory of a process and its descendants, in MiB (0 once it is gone). For one process it
 * is its RSS. In a tree (PostgreSQL's backends, a gateway's workers) each process's private memory
 * adds up, but pages they share are counted once: shared memory at the most any one of them has
 * mapped (PostgreSQL's shared buffers, which every backend maps), and file pages (the binary) as
 * the root maps them. Summing each backend's RSS instead counts the buffer cache once per backend
 * that touched it, and that sum grows with every buffer read, not with memory used.
 */
export async function rssMiB(pid: number): Promise<number> {
  const { privateMiB, sharedMiB, fileMiB } = await treeMemory(pid);
  return privateMiB + sharedMiB + fileMiB;
}

/**
 * `rssMiB`'s parts: the processes in the tree, their private (anonymous) memory summed, the shared
 * memory the most of any one has mapped, and the root's file pages. For PostgreSQL the private part
 * is the backends' own (caches, plans, sorts) and moves with how many backends the pools keep open;
 * the shared part is the buffer cache, which fills up to `shared_buffers` as backends touch pages.
 */
export async function treeMemory(pid: number) {
  const tree = await residentTree(pid);
  const anon = tree.reduce((sum, process) => sum + process.anon, 0);
  const shmem = Math.max(0, ...tree.map((process) => process.shmem));
  return {
    processes: tree.length,
    privateMiB: anon / 1024,
    sharedMiB: shmem / 1024,
    fileMiB: (tree[0]?.file ?? 0) / 1024,
  };
}

async function residentTree(pid: number): Promise<{ anon: number; file: number; shmem: number }[]> {
  try {
    const own = await residentKiB(pid);
    const theirs = await Promise.all((await childrenOf(pid)).map(residentTree));
    return [own, ...theirs.flat()];
  } catch {
    return [];
  }
}

/**
 * CPU seconds (user + system, every thread) a process and its descendants have used so far. On a
 * shared machine a gateway's CPU per request is steadier than its req/s: it does not count the time
 * the gateway waited for a core.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime, stime, then cutime and cstime,
    // the reaped children's (PostgreSQL's backends that closed still count for the postmaster).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0) / clockTicksPerSecond;
    const theirs = await Promise.all((await childrenOf(pid)).map(cpuSeconds));
    return theirs.reduce((sum, value) => sum + value, own);
  } catch {
    return 0;
  }
}

/** Calls `read` every `everyMs` until stopped; resolves with each named figure's highest and lowest. */
export function sampleRange(read: () => Promise<Record<string, number>>, everyMs = 500) {
  const peak: Record<string, number> = {};
  const low: Record<string, number> = {};
  const sample = async () => {
    for (const [name, value] of Object.entries(await read())) {
      peak[name] = Math.max(peak[name] ?? Number.NEGATIVE_INFINITY, value);
      low[name] = Math.min(low[name] ?? Number.POSITIVE_INFINITY, value);
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return async () => {
    clearInterval(timer);
    await sample();
    return { peak, low };
  };
}

/** Each named process's RSS (see rssMiB), read one after another. */
export async function rssOf(pids: Record<string, number>): Promise<Record<string, number>> {
  const rss: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) rss[name] = await rssMiB(pid);
  return rss;
}

/** Samples the processes' RSS every `everyMs` until stopped; resolves with each one's highest and lowest. */
export const sampleRssRange = (pids: Record<string, number>, everyMs = 500) => sampleRange(() => rssOf(pids), everyMs);

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Samples the processes' RSS every `everyMs` until stopped; resolves with each one's highest. */
export function sampleRss(pids: Record<string, number>, everyMs = 500) {
  const stop = sampleRssRange(pids, everyMs);
  return async () => (await stop()).peak;
}

export interface LoadResult {
  rps: number;
  /** Answers received. */
  requests: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, answers carrying GraphQL errors, and connection errors or timeouts. */
  errors: number;
  /** The first failed answer's body, to say why. */
  firstError?: string;
}

/** Sends `body` to `url` over `connections` keep-alive connections for `seconds` (or `amount` requests) with autocannon. */
export async function load(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** A number of requests instead of a duration (warm-up). */
  amount?: number;
}): Promise<LoadResult> {
  let failed = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    ...(options.amount ? { amount: options.amount } : {}),
    requests: [
      {
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && !body.includes('"errors"')) return;
          failed += 1;
          firstError ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: failed + result.errors,
    firstError: firstError ?? (result.errors > 0 ? `${result.errors} connection errors or timeouts` : undefined),
  };
}
