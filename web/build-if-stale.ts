/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
/** What the build reads: a change to any of these makes `web/dist` stale. */
const inputs = ['src', 'index.html', 'vite.config.ts', 'server-config.ts', 'build-report.ts', 'package.json'];

function newestChange(target: string): number {
  const stats = statSync(target, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestChange(path.join(target, name))));
}

/** True when `web/dist` is missing or older than a source of the console. */
export function consoleBuildIsStale(dir = webDir): boolean {
  const built = statSync(path.join(dir, 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return inputs.some((input) => newestChange(path.join(dir, input)) > built);
}

/** Builds the console (production mode) when its build is missing or stale; throws if the build fails. */
export function buildConsoleIfStale(dir = webDir): 'built' | 'fresh' {
  if (!consoleBuildIsStale(dir)) return 'fresh';
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`the console build failed (exit ${result.status ?? result.signal})`);
  return 'built';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `buildConsoleIfStale` for processes that may run at once (parallel test files): one builds while
 * the others wait for it (a lock directory), then find the build fresh.
 */
export async function buildConsoleIfStaleOnce(dir = webDir): Promise<'built' | 'fresh'> {
  const lock = path.join(dir, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a build can take was left by a killed process.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    return buildConsoleIfStale(dir);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// `npm start` runs this file first: a fresh clone or an edited console is built before the gateway serves it.
if (process.argv[1] === fileURLToPath(import.meta.url)) buildConsoleIfStale();
