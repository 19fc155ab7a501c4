import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { type LoadResult, median } from './load.ts';
import type { PlatformCost } from './platform-cost.ts';

/** One cell of the table: a scenario at a number of connections against one target, over its rounds. */
export interface Cell {
  scenario: string;
  connections: number;
  target: string;
  rounds: (LoadResult & { cpuMsPerRequest: number; platform: PlatformCost })[];
  rssMiB: number;
}

export const summary = (cell: Cell) => ({
  rps: median(cell.rounds.map((round) => round.rps)),
  p50: median(cell.rounds.map((round) => round.p50)),
  p99: median(cell.rounds.map((round) => round.p99)),
  cpuMs: median(cell.rounds.map((round) => round.cpuMsPerRequest)),
  errors: cell.rounds.reduce((sum, round) => sum + round.errors, 0),
});

const ratio = (ours: Cell | undefined, peer: Cell | undefined) =>
  ours && peer && summary(peer).rps > 0 ? summary(ours).rps / summary(peer).rps : Number.NaN;

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** The markdown table: one row per scenario, connections and target, with ratios on our gateway's rows. */
export function resultTable(cells: Cell[], baseline: (cell: Cell) => Cell | undefined) {
  const find = (cell: Cell, target: string) =>
    cells.find((c) => c.scenario === cell.scenario && c.connections === cell.connections && c.target === target);
  const rows = cells.map((cell) => {
    const s = summary(cell);
    const ours = cell.target === 'ours';
    const ratios = ours
      ? [
          fixed(ratio(cell, find(cell, 'hive')), 2),
          fixed(ratio(cell, find(cell, 'hive-rr')), 2),
          fixed(ratio(cell, baseline(cell)), 2),
        ]
      : ['', '', ''];
    return `| ${cell.scenario} | ${cell.connections} | ${cell.target} | ${fixed(s.rps)} | ${fixed(s.p50, 1)} | ${fixed(s.p99, 1)} | ${fixed(s.cpuMs, 2)} | ${s.errors} | ${fixed(cell.rssMiB)} | ${ratios.join(' | ')} |`;
  });
  return [
    '| scenario | conns | target | req/s | p50 ms | p99 ms | CPU ms/req | errors | RSS MiB | ×Hive | ×Hive+rr | ×direct |',
    '| --- | --: | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...rows,
  ].join('\n');
}

/** What the processes behind each target spent per answer (medians of rounds): see platform-cost.ts. */
export function platformTable(cells: Cell[]) {
  const names = [...new Set(cells.flatMap((cell) => Object.keys(cell.rounds[0]?.platform.cpuMs ?? {})))];
  const rows = cells.map((cell) => {
    const of = (read: (cost: PlatformCost) => number | undefined) => {
      const values = cell.rounds.map((round) => read(round.platform)).filter((v): v is number => v !== undefined);
      return values.length ? median(values) : Number.NaN;
    };
    const values = [
      ...names.map((name) =>
        fixed(
          of((cost) => cost.cpuMs[name]),
          2,
        ),
      ),
      fixed(
        of((cost) => cost.subgraphOperations),
        1,
      ),
      fixed(
        of((cost) => cost.sqlStatements),
        1,
      ),
      fixed(
        of((cost) => cost.gatewayLoopP99Ms),
        1,
      ),
      fixed(of((cost) => cost.gatewayConnects)),
    ];
    return `| ${cell.scenario} | ${cell.connections} | ${cell.target} | ${values.join(' | ')} |`;
  });
  const heads = [...names.map((name) => `${name} CPU ms`), 'subgraph ops', 'SQL', 'loop p99 ms', 'connections opened'];
  return [
    `| scenario | conns | target | ${heads.join(' | ')} |`,
    `| --- | --: | --- | ${heads.map(() => '--:').join(' | ')} |`,
    ...rows,
  ].join('\n');
}

/** The machine, and how busy it was (a shared machine's load average says how far to trust the figures). */
export const machine = () =>
  `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average over the last 15 minutes ${os.loadavg()[2]?.toFixed(1)}`;

const begin = '<!-- npm run bench: begin -->';
const end = '<!-- npm run bench: end -->';

/** Writes the section between the bench's markers in docs/benchmarks.md, keeping whatever else the file holds. */
export async function writeBenchmarksDoc(section: string) {
  const file = new URL('../../docs/benchmarks.md', import.meta.url);
  await mkdir(new URL('.', file), { recursive: true });
  const current = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const block = `${begin}\n${section.trim()}\n${end}`;
  const [before, rest] = current.includes(begin) ? current.split(begin) : [`${current.trimEnd()}\n\n`, end];
  const after = (rest ?? '').split(end)[1] ?? '';
  await writeFile(file, `${before}${block}${after.length ? after : '\n'}`);
  // The repository's formatter owns the table's layout (column padding), so `npm run lint` stays clean.
  execFileSync('npx', ['biome', 'format', '--write', fileURLToPath(file)], { stdio: 'ignore' });
  return file.pathname;
}
