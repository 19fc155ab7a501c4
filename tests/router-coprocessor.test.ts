import {
  createLogger,
  demoUsers,
  gatewayTokenHeader,
  settingPrefix,
  subgraphNames,
  type RunningServer,
} from '@codex/kit';
import { loadGatewayConfig, startRouterCoprocessor, type CoprocessorPayload } from '@codex/gateway';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login } from './support/actors.ts';

/**
 * The Apollo Router coprocessor, spoken to the way Router speaks (its JSON stage payloads), and
 * the real subgraphs accepting what it signs. (Router itself cannot be downloaded here.)
 */
let coprocessor: RunningServer;
beforeAll(async () => {
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    GATEWAY_SECRET: inject('gatewaySecret'),
    ...Object.fromEntries(
      subgraphNames.map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, inject('subgraphUrls')[name]]),
    ),
  });
  coprocessor = await startRouterCoprocessor(
    { ...config, host: '127.0.0.1', coprocessorPort: await getPort() },
    createLogger({ service: 'test', level: 'silent' }),
  );
});
afterAll(() => coprocessor?.stop());

const stage = async (payload: CoprocessorPayload) => {
  const response = await fetch(coprocessor.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as CoprocessorPayload;
};
const routerRequest = (headers: Record<string, string[]>): CoprocessorPayload => ({
  version: 1,
  stage: 'RouterRequest',
  control: 'continue',
  id: 'req-1',
  headers,
  context: { entries: {} },
});

describe('Apollo Router coprocessor', () => {
  it('verifies the caller once, then signs each subgraph request so the subgraph sees that caller', async () => {
    const token = await login(demoUsers.admin.email, demoUsers.admin.password);
    const afterRouter = await stage(
      routerRequest({ authorization: [`Bearer ${token}`], 'x-request-id': ['router-request-0001'] }),
    );
    expect(afterRouter.control).toBe('continue');

    const afterSubgraph = await stage({
      version: 1,
      stage: 'SubgraphRequest',
      control: 'continue',
      id: 'req-1',
      serviceName: 'auth',
      headers: {},
      context: afterRouter.context,
    });
    const signed = afterSubgraph.headers?.[gatewayTokenHeader]?.[0];
    expect(signed).toBeTruthy();
    expect(afterSubgraph.headers?.['x-request-id']).toEqual(['router-request-0001']);

    const response = await fetch(inject('subgraphUrls').auth, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [gatewayTokenHeader]: signed! },
      body: JSON.stringify({ query: '{ me { email role } }' }),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      me: { email: demoUsers.admin.email, role: 'ADMIN' },
    });
  });

  it('ends the client request with 401 for a bad credential', async () => {
    const answer = await stage(routerRequest({ authorization: ['Bearer not-a-token'] }));
    expect(answer.control).toEqual({ break: 401 });
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('passes anonymous callers on as anonymous', async () => {
    const afterRouter = await stage(routerRequest({}));
    const afterSubgraph = await stage({
      version: 1,
      stage: 'SubgraphRequest',
      control: 'continue',
      id: 'req-2',
      headers: {},
      context: afterRouter.context,
    });
    const response = await fetch(inject('subgraphUrls').auth, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [gatewayTokenHeader]: afterSubgraph.headers![gatewayTokenHeader]![0]!,
      },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
