import getPort from 'get-port';
import { waitUntilReady, type ServiceProcess } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import type { AnswerJson } from './support/graphql.ts';
import { endingOf, liveUrls, recordWs, wsClient } from './support/live-clients.ts';
import { graphqlUrlOf, spawnGateway, startSubgraph } from './support/service-control.ts';

/**
 * Live limits and platformHealth on a gateway of this file's own (short settings), whose CMS is a
 * process the test stops; the other subgraphs are the shared ones.
 */
const settings = {
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
  LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '3',
  LIVE_CONNECTIONS_PER_MINUTE: '8',
  LIVE_IDLE_TIMEOUT_MS: '300',
  LIVE_MAX_PAYLOAD_BYTES: '4096',
  LIVE_HEALTH_POLL_MS: '200',
};
const events = 'subscription { domainEvents { id type } }';
const figures = 'subscription F($tenantId: ID!) { tenantFigures(tenantId: $tenantId) { id } }';

let gateway: ServiceProcess;
let cms: ServiceProcess;
let urls: ReturnType<typeof liveUrls>;
let superToken: string;
let actors: TenantActors;
beforeAll(async () => {
  const [gatewayPort, cmsPort] = await Promise.all([getPort(), getPort()]);
  cms = await startSubgraph('cms', cmsPort);
  gateway = spawnGateway(gatewayPort, { cms: graphqlUrlOf(cmsPort) }, settings);
  await waitUntilReady(`http://127.0.0.1:${gatewayPort}/health`, gateway, 60_000);
  urls = liveUrls(`http://127.0.0.1:${gatewayPort}/graphql`);
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'live-limits');
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  await cms?.stop();
});

describe('platformHealth', () => {
  it('pushes again when a subgraph stops', async () => {
    const client = wsClient(bearer(superToken), urls.ws);
    try {
      const health = recordWs(client, 'subscription { platformHealth { status subgraphs { name status } } }');
      const cmsIs = (status: string) => (result: { data?: Record<string, unknown> | null }) =>
        (result.data?.platformHealth as { subgraphs: { name: string; status: string }[] } | undefined)?.subgraphs.some(
          (subgraph) => subgraph.name === 'cms' && subgraph.status === status,
        ) ?? false;
      await health.waitFor(cmsIs('UP'));
      await cms.stop();
      const down = await health.waitFor(cmsIs('DOWN'));
      expect((down.data?.platformHealth as { status?: string } | undefined)?.status).toBe('DEGRADED');
    } finally {
      await client.dispose();
    }
  });
});

describe('limits', () => {
  it('subscriptions per connection and per caller are refused with OPERATION_LIMIT_EXCEEDED', async () => {
    const first = wsClient(bearer(actors.admin.token), urls.ws);
    const second = wsClient(bearer(actors.admin.token), urls.ws);
    try {
      // tenantFigures answers at once: each open subscription is known to be counted before the next.
      const opened = async (client: typeof first) => {
        const recording = recordWs(client, figures, { tenantId: actors.tenant.id });
        await recording.waitFor((result) => result.data !== undefined);
        return recording;
      };
      const open = [await opened(first), await opened(first)];
      const overConnection = recordWs(first, events);
      expect(await endingOf(overConnection)).toMatch(/OPERATION_LIMIT_EXCEEDED.*per connection/);
      open.push(await opened(second));
      const overCaller = recordWs(second, events);
      const ending = await endingOf(overCaller);
      expect(ending).toContain('OPERATION_LIMIT_EXCEEDED');
      expect(ending).toContain('per caller');
      for (const recording of open) recording.stop();
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it('a message over the payload limit closes the socket (1009); an idle connection is closed (4408)', async () => {
    const big = wsClient(bearer(actors.admin.token), urls.ws);
    recordWs(big, `subscription { domainEvents { id ${'type '.repeat(1000)} } }`);
    expect((await big.closed).code).toBe(1009);
    const idle = wsClient(bearer(actors.admin.token), urls.ws);
    expect(await idle.closed).toMatchObject({ code: 4408 });
  });

  it('connections per address per minute: then 429 RATE_LIMITED on upgrade and on SSE', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10 && !statuses.includes(429); attempt += 1) {
      const socket = new WebSocket(urls.ws, 'graphql-transport-ws');
      statuses.push(
        await new Promise<number>((resolve) => {
          socket.on('open', () => {
            socket.close();
            resolve(101);
          });
          socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
          socket.on('error', () => resolve(0));
        }),
      );
    }
    expect(statuses.at(-1)).toBe(429);
    const sse = await fetch(urls.sse, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(actors.admin.token) },
      body: JSON.stringify({ query: events }),
    });
    expect(sse.status).toBe(429);
    expect(((await sse.json()) as AnswerJson).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
