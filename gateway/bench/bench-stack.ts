import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoUsers, settingPrefix, StartupError, subgraphNames, type SubgraphName } from '@codex/kit';
import { identityFromAccessToken } from '@codex/kit/access-token';
import { gatewayKey, gatewayTokenHeader, signGatewayToken } from '@codex/kit/gateway-trust';
import { serviceNodeArgs, spawnService, waitUntilReady, type ServiceProcess } from '@codex/platform';
import getPort from 'get-port';
import { decodeJwt } from 'jose';
import { startBenchPlatform, timedPost } from './bench-platform.ts';
import { peerKinds, startPeer, writeSupergraph } from './hive-peers.ts';
import type { MeterSources } from './platform-cost.ts';

/** A gateway under load: where to send, what to send it as, and the process to watch. */
export interface Target {
  name: string;
  title: string;
  url: string;
  pid: number;
  /** Credentials, fresh per run (a pre-signed header lives 60 s). */
  headers: () => Promise<Record<string, string>>;
  /** What is metered behind it per answer: the processes it sends to, their metrics. */
  behind: MeterSources;
}

const origin = (url: string) => new URL(url).origin;

/**
 * Our gateway a second time, in front of the constant subgraphs; `profileDir`: with `--cpu-prof`
 * there. BENCH_GATEWAY_NODE_ARGS adds Node flags to it (S4 then compares a flag against the peers).
 */
async function startOwnGateway(secret: string, subgraphUrls: Record<SubgraphName, string>, profileDir?: string) {
  const port = await getPort();
  const service = spawnService({
    name: 'gateway-constant',
    entry: 'gateway/src/main.ts',
    nodeArgs: [
      ...serviceNodeArgs,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      // BENCH_GATEWAY_NODE_ARGS: Node flags to try on this gateway (e.g. --max-semi-space-size=32).
      ...(process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    output: 'capture',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      GATEWAY_SECRET: secret,
      ...Object.fromEntries(subgraphNames.map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, subgraphUrls[name]])),
    },
  });
  await waitUntilReady(`http://127.0.0.1:${port}/health`, service, 60_000);
  return { url: `http://127.0.0.1:${port}/graphql`, service };
}

/** One process with a port per subgraph, answering from memory what the real subgraph answered. */
async function startConstantSubgraphs(real: Record<SubgraphName, string>) {
  const ports = await Promise.all(subgraphNames.map(() => getPort()));
  const upstreams = subgraphNames.map((name, i) => ({ port: ports[i], upstream: origin(real[name]) }));
  const service = spawnService({
    name: 'constant-subgraphs',
    entry: 'gateway/bench/constant-subgraphs.ts',
    output: 'capture',
    env: { ...process.env, CONSTANT_UPSTREAMS: JSON.stringify(upstreams) },
  });
  await waitUntilReady(`http://127.0.0.1:${ports.at(-1)}/health`, service, 30_000);
  const urls = Object.fromEntries(subgraphNames.map((name, i) => [name, `http://127.0.0.1:${ports[i]}/graphql`]));
  return { urls: urls as Record<SubgraphName, string>, service };
}

/**
 * Demo seeding on a busy machine can outlast a transaction timeout: a failed start is tried again.
 * BENCH_SUBGRAPH_NODE_ARGS adds Node flags to every subgraph (e.g. `--import` of a module that
 * leaks on purpose, to see the soak's verdict fail).
 */
async function platformWithRetries(attempts: number): ReturnType<typeof startBenchPlatform> {
  const subgraphNodeArgs = process.env.BENCH_SUBGRAPH_NODE_ARGS?.split(' ').filter(Boolean);
  try {
    return await startBenchPlatform({ REVOCATION_POLL_MS: '2000' }, subgraphNodeArgs);
  } catch (error) {
    if (attempts <= 1 || !(error instanceof StartupError)) throw error;
    console.error(`platform start failed, trying again: ${error.message.split('\n')[0]}`);
    return platformWithRetries(attempts - 1);
  }
}

/**
 * Everything the bench measures: the platform (own ports, throw-away database, demo data), our
 * gateway over constant subgraphs (CPU-profiled into `profileDir` when given), and (unless `withPeers` is false) Hive Gateway with each planner
 * on the real and on the constant subgraphs.
 */
export async function startBenchStack(options: { withPeers: boolean; withConstant: boolean; profileDir?: string }) {
  const workDir = await mkdtemp(path.join(tmpdir(), 'codex-bench-'));
  const { platform, gatewaySecret, postgresPid, stop: stopPlatform } = await platformWithRetries(3);
  const extra: ServiceProcess[] = [];
  try {
    const key = gatewayKey(gatewaySecret);
    const login = await timedPost(platform.gatewayUrl, {
      query: 'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: demoUsers.admin.email, p: demoUsers.admin.password },
    });
    const accessToken: string = login.body.data.login.accessToken;
    const identity = identityFromAccessToken(decodeJwt(accessToken));
    const bearer = async () => ({ authorization: `Bearer ${accessToken}` });
    const signed = async () => ({
      [gatewayTokenHeader]: await signGatewayToken(key, {
        requestId: randomUUID(),
        clientIp: '127.0.0.1',
        userAgent: 'codex-bench',
        identity,
      }),
    });
    const pid = (service: ServiceProcess) => service.child.pid ?? 0;
    // Behind every gateway on the real subgraphs: the five subgraphs, PostgreSQL, and our gateway
    // (the peers reach CDX there; for our own rows its column is the gateway's own CPU).
    const realBehind: MeterSources = {
      pids: {
        ...Object.fromEntries(subgraphNames.map((name) => [name, pid(platform.services[name])])),
        postgres: postgresPid,
        gateway: pid(platform.services.gateway),
      },
      subgraphMetricsUrls: subgraphNames.map((name) => `${origin(platform.subgraphUrls[name])}/metrics`),
      signed,
    };
    const metricsOf = (url: string) => `${origin(url)}/metrics`;
    const real: Target[] = [
      {
        name: 'ours',
        title: 'our gateway',
        url: platform.gatewayUrl,
        pid: pid(platform.services.gateway),
        headers: bearer,
        behind: { ...realBehind, gatewayMetricsUrl: metricsOf(platform.gatewayUrl) },
      },
    ];
    const constantTargets: Target[] = [];
    // The constant subgraphs and a second gateway of ours before them, for S4 (a soak runs only S2).
    const constant = options.withConstant ? await startConstantSubgraphs(platform.subgraphUrls) : null;
    const constantBehind: MeterSources | null = constant && {
      pids: { constant: pid(constant.service) },
      subgraphMetricsUrls: [],
      signed,
    };
    if (constant && constantBehind) {
      extra.push(constant.service);
      const ownConstant = await startOwnGateway(gatewaySecret, constant.urls, options.profileDir);
      extra.push(ownConstant.service);
      constantTargets.push({
        name: 'ours',
        title: 'our gateway',
        url: ownConstant.url,
        pid: pid(ownConstant.service),
        headers: bearer,
        behind: { ...constantBehind, gatewayMetricsUrl: metricsOf(ownConstant.url) },
      });
    }
    if (options.withPeers) {
      const cdx = `${origin(platform.gatewayUrl)}/cdx/graphql`;
      const realSdl = await writeSupergraph(workDir, 'real', { ...platform.subgraphUrls, cdx });
      const constantSdl = constant && (await writeSupergraph(workDir, 'constant', { ...constant.urls, cdx }));
      const peers = await Promise.all(
        peerKinds.map(async (kind) => {
          const [onReal, onConstant] = await Promise.all([
            startPeer(kind, realSdl, 'real'),
            constantSdl ? startPeer(kind, constantSdl, 'constant') : null,
          ]);
          extra.push(onReal.service, ...(onConstant ? [onConstant.service] : []));
          return { onReal, onConstant };
        }),
      );
      for (const { onReal, onConstant } of peers) {
        real.push({ ...onReal, pid: pid(onReal.service), headers: signed, behind: realBehind });
        if (onConstant && constantBehind)
          constantTargets.push({
            ...onConstant,
            pid: pid(onConstant.service),
            headers: signed,
            behind: constantBehind,
          });
      }
    }
    const crm: Target = {
      name: 'crm',
      title: 'CRM subgraph, direct',
      url: platform.subgraphUrls.crm,
      pid: pid(platform.services.crm),
      headers: signed,
      behind: realBehind,
    };
    const processes: Record<string, number> = {
      ...Object.fromEntries(Object.entries(platform.services).map(([name, service]) => [name, pid(service)])),
      ...Object.fromEntries(extra.map((service) => [service.name, pid(service)])),
      postgres: postgresPid,
    };
    return {
      real,
      constant: constantTargets,
      crm,
      processes,
      stop: async () => {
        await Promise.all(extra.map((service) => service.stop()));
        await stopPlatform();
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(extra.map((service) => service.stop()));
    await stopPlatform();
    throw error;
  }
}
export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;
