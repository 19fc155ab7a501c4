import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { settingPrefix, subgraphNames, type SubgraphName } from '@codex/kit';
import { spawnService, waitUntilReady, type ServiceProcess } from '@codex/platform';
import getPort from 'get-port';
import { inject } from 'vitest';

/** What every service process of a test gets: test mode, quiet logs, the shared platform's gateway secret. */
const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  GATEWAY_SECRET: inject('gatewaySecret'),
});

/** One subgraph as a process of the test's own, on the shared test database, signed like the shared platform. */
export function spawnSubgraph(name: SubgraphName, port: number, env: Record<string, string> = {}): ServiceProcess {
  const prefix = settingPrefix(name);
  return spawnService({
    name,
    entry: `subgraphs/${name}/src/main.ts`,
    output: 'capture',
    env: {
      ...baseEnv(),
      SEED_DEMO: 'false',
      [`${prefix}_PORT`]: String(port),
      [`${prefix}_DATABASE_URL`]: inject('databaseUrls')[name],
      // CRM asks Auth about lead assignees: the shared platform's Auth unless the test names another.
      ...(name === 'crm' ? { AUTH_SUBGRAPH_URL: inject('subgraphUrls').auth } : {}),
      ...env,
    },
  });
}

/** A gateway as a process of the test's own, in front of the shared subgraphs (or `subgraphUrls`), with `env` settings. */
export function spawnGateway(
  port: number,
  subgraphUrls: Partial<Record<SubgraphName, string>> = {},
  env: Record<string, string> = {},
): ServiceProcess {
  const urls = { ...inject('subgraphUrls'), ...subgraphUrls };
  return spawnService({
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    output: 'capture',
    env: {
      ...baseEnv(),
      PORT: String(port),
      ...Object.fromEntries(subgraphNames.map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, urls[name]])),
      ...env,
    },
  });
}

export async function startSubgraph(
  name: SubgraphName,
  port: number,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const service = spawnSubgraph(name, port, env);
  await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, service, 60_000);
  return service;
}

export const graphqlUrlOf = (port: number) => `http://127.0.0.1:${port}/graphql`;

/** A server that accepts connections and never answers: a hung subgraph. */
export async function startHungServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(() => undefined);
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A proxy that forwards to `target` after `delayMs`: a slow subgraph. */
export async function startSlowProxy(
  target: string,
  delayMs: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([key]) => !['host', 'content-length', 'connection'].includes(key)),
    ) as Record<string, string>;
    const answer = await fetch(target, {
      method: req.method,
      headers,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const freePort = () => getPort();
