import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnService, waitUntilReady, type ServiceProcess } from '@codex/platform';
import getPort from 'get-port';
import { supergraphFile } from '../src/compose.ts';

/** The two peers: Hive Gateway with its JS planner, and with the Rust planner of `@graphql-hive/router-runtime`. */
export const peerKinds = [
  { name: 'hive', title: 'Hive Gateway', flags: [] },
  { name: 'hive-rr', title: 'Hive Gateway + router-runtime', flags: ['--hive-router-runtime'] },
] as const;
export type PeerName = (typeof peerKinds)[number]['name'];

const hiveBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@graphql-hive/gateway/package.json')),
  'dist/bin.js',
);
const configFile = new URL('./hive-gateway.config.ts', import.meta.url).pathname;

/** The committed supergraph with each subgraph's URL replaced by where it runs in this bench. */
export async function writeSupergraph(dir: string, label: string, urls: Record<string, string>) {
  const sdl = (await readFile(supergraphFile, 'utf8')).replace(
    /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole),
  );
  const file = path.join(dir, `supergraph-${label}.graphql`);
  await writeFile(file, sdl);
  return file;
}

/** One Hive Gateway process (one worker, no fork) on a free port, serving `supergraph`. */
export async function startPeer(kind: (typeof peerKinds)[number], supergraph: string, label: string) {
  const port = await getPort();
  const service: ServiceProcess = spawnService({
    name: `${kind.name}-${label}`,
    entry: hiveBin,
    output: 'capture',
    env: { ...process.env, NODE_ENV: 'production' },
    args: [
      'supergraph',
      supergraph,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--fork',
      '1',
      '-c',
      configFile,
      ...kind.flags,
    ],
  });
  // Four peers start at once; on a busy 2-core machine one can take minutes.
  await waitUntilReady(`http://127.0.0.1:${port}/healthcheck`, service, 180_000);
  return { name: kind.name, title: kind.title, url: `http://127.0.0.1:${port}/graphql`, service };
}
