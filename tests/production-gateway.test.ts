import { demoUsers, settingPrefix, subgraphNames } from '@codex/kit';
import { spawnService, waitUntilReady, type ServiceProcess } from '@codex/platform';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, superadminToken, login } from './support/actors.ts';
import { graphql } from './support/graphql.ts';

/** A second gateway, in production mode, in front of the same subgraphs. */
let gateway: ServiceProcess;
let url: string;

beforeAll(async () => {
  const port = await getPort();
  url = `http://127.0.0.1:${port}/graphql`;
  gateway = spawnService({
    name: 'production-gateway',
    entry: 'gateway/src/main.ts',
    output: 'capture',
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      GATEWAY_SECRET: inject('gatewaySecret'),
      ...Object.fromEntries(
        subgraphNames.map((name) => [`${settingPrefix(name)}_SUBGRAPH_URL`, inject('subgraphUrls')[name]]),
      ),
    },
  });
  await waitUntilReady(`http://127.0.0.1:${port}/health`, gateway, 60_000);
}, 90_000);
afterAll(() => gateway?.stop());

const introspection = '{ __schema { queryType { name } } }';

describe('the gateway in production mode', () => {
  it('lets a SUPERADMIN introspect the whole graph (Apollo Sandbox)', async () => {
    const { body } = await graphql(introspection, {}, { url, headers: bearer(await superadminToken()) });
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each([
    ['anonymous', async () => ({})],
    ['a CLIENT', async () => bearer(await login(demoUsers.client.email, demoUsers.client.password))],
    ['an ADMIN', async () => bearer(await login(demoUsers.admin.email, demoUsers.admin.password))],
  ])('refuses introspection to %s with FORBIDDEN', async (_who, headers) => {
    for (const query of [introspection, '{ __type(name: "Tenant") { fields { name } } }']) {
      const { body } = await graphql(query, {}, { url, headers: await headers() });
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('does not suggest field names', async () => {
    const { body } = await graphql('{ tenantz { totalCount } }', {}, { url, headers: bearer(await superadminToken()) });
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toBe('Cannot query field "tenantz" on type "Query".');
  });

  it('answers __typename to anyone (clients use it) without exposing the schema', async () => {
    const { body } = await graphql('{ __typename }', {}, { url });
    expect(body).toEqual({ data: { __typename: 'Query' } });
  });
});
