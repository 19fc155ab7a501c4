import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoUsers, settingPrefix, subgraphNames } from '@codex/kit';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from './support/graphql.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const clusterDirs: string[] = [];
afterAll(async () => {
  await Promise.all(clusterDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Settings for a platform of its own: free ports and a throw-away embedded cluster. */
async function isolatedEnv(overrides: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const clusterDir = await mkdtemp(path.join(tmpdir(), 'codex-lifecycle-pg-'));
  clusterDirs.push(clusterDir);
  const [postgresPort, gatewayPort, ...subgraphPorts] = (await Promise.all(
    Array.from({ length: 7 }, () => getPort()),
  )) as number[];
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(gatewayPort),
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    EMBEDDED_POSTGRES_DIR: clusterDir,
    ...Object.fromEntries(
      subgraphNames.map((name, index) => [`${settingPrefix(name)}_PORT`, String(subgraphPorts[index])]),
    ),
    ...overrides,
  };
}

/** Runs what `npm start` runs, in its own process group as a terminal would. */
function startCommand(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/platform/src/main.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (text: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(text)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`"${text}" did not appear; output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=']).toString().trim().split('\n');
  const children = new Map<number, number[]>();
  for (const line of table) {
    const [child, parent] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (id: number) => {
    for (const child of children.get(id) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function tenantCount(gatewayPort: string) {
  const url = `http://127.0.0.1:${gatewayPort}/graphql`;
  const { body: session } = await graphql(
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    { email: demoUsers.superadmin.username, password: demoUsers.superadmin.password },
    { url },
  );
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.data?.login.accessToken}` },
    body: JSON.stringify({
      query: '{ tenants(first: 100) { totalCount edges { node { slug crm { totalCustomers } } } } }',
    }),
  });
  return (await response.json()) as {
    data: { tenants: { totalCount: number; edges: { node: { slug: string; crm: { totalCustomers: number } } }[] } };
  };
}

describe('the start command', () => {
  it('starts PostgreSQL, five subgraphs and the gateway; Ctrl-C stops every process; a second start reuses the data', async () => {
    const env = await isolatedEnv();
    for (const round of [1, 2]) {
      const platform = startCommand(env);
      await platform.waitFor('Codex Metatron is up', 110_000);
      expect(platform.output()).toContain('jane.smith@demo.com');
      const processes = descendants(platform.child.pid!);
      expect(processes.length).toBeGreaterThanOrEqual(7);

      const { data } = await tenantCount(env.PORT!);
      const demo = data.tenants.edges.find((edge) => edge.node.slug === 'demo');
      expect(demo?.node.crm.totalCustomers, `round ${round}`).toBeGreaterThan(0);

      process.kill(-platform.child.pid!, 'SIGINT');
      expect(await platform.exited, platform.output()).toBe(0);
      const deadline = Date.now() + 10_000;
      while (processes.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(processes.filter(alive), platform.output()).toEqual([]);
      if (round === 2) expect(platform.output()).not.toContain('initialising embedded PostgreSQL cluster');
    }
  }, 300_000);

  it('stops everything when only the runner gets SIGTERM (as from a process manager)', async () => {
    const platform = startCommand(await isolatedEnv());
    await platform.waitFor('Codex Metatron is up', 110_000);
    const processes = descendants(platform.child.pid!);
    platform.child.kill('SIGTERM');
    expect(await platform.exited, platform.output()).toBe(0);
    const deadline = Date.now() + 10_000;
    while (processes.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processes.filter(alive)).toEqual([]);
  }, 180_000);

  it('names the setting to change when a port is already taken, and starts nothing', async () => {
    const blocker = createServer();
    const port = await getPort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const platform = startCommand(await isolatedEnv({ CRM_PORT: String(port) }));
      expect(await platform.exited).toBe(1);
      expect(platform.output().trim()).toBe(
        `platform: Port ${port} is already in use (or not allowed); set CRM_PORT to another port`,
      );
    } finally {
      blocker.close();
    }
  });

  it('stops with one line naming a malformed setting', async () => {
    const platform = startCommand(await isolatedEnv({ CRM_DATABASE_URL: 'mysql://nope' }));
    expect(await platform.exited).toBe(1);
    expect(platform.output().trim()).toBe(
      'platform: Invalid setting CRM_DATABASE_URL: must be a postgres:// or postgresql:// URL',
    );
  });
});
