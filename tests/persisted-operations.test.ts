import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';
import { demoTenant, demoUsers, type RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, superadminToken } from './support/actors.ts';
import { errorCode } from './support/expectations.ts';
import { startOwnGateway } from './support/own-gateway.ts';
import type { AnswerJson } from './support/graphql.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const manifestFile = new URL('../web/persisted-query-manifest.json', import.meta.url);
const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};
const registered = (name: string) => manifest.operations.find((operation) => operation.name === name)!;

/** POSTs `{ query?, variables, extensions.persistedQuery }` the way an APQ client does. */
async function post(
  url: string,
  body: { query?: string; id: string; variables?: object },
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      ...(body.query ? { query: body.query } : {}),
      variables: body.variables ?? {},
      extensions: { persistedQuery: { version: 1, sha256Hash: body.id } },
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, AnswerJson>;
      errors?: { extensions?: Record<string, unknown> }[];
    },
  };
}

describe('automatic persisted queries', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startOwnGateway();
  });
  afterAll(() => gateway?.stop());

  it('an unknown hash asks for the text once; afterwards the hash alone runs the operation', async () => {
    const query = `query ApqProbe { __typename } # ${Math.random()}`;
    const id = sha256(query);
    expect(errorCode((await post(gateway.url, { id })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(gateway.url, { id, query })).body.data).toEqual({ __typename: 'Query' });
    expect((await post(gateway.url, { id })).body.data).toEqual({ __typename: 'Query' });
  });

  it('a hash that does not match its text is refused', async () => {
    expect((await post(gateway.url, { id: sha256('something else'), query: '{ __typename }' })).status).toBe(400);
  });

  it("the web console's registered operations run by id from the first request", async () => {
    const { body } = await post(gateway.url, {
      id: registered('Login').id,
      variables: { email: demoUsers.client.email, password: demoUsers.client.password },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.login.user.email).toBe(demoUsers.client.email);
  });
});

describe('safelist mode', () => {
  let gateway: RunningServer;
  let clientToken: string;
  beforeAll(async () => {
    [gateway, clientToken] = await Promise.all([
      startOwnGateway({ PERSISTED_OPERATIONS: 'safelist' }),
      login(demoUsers.client.email, demoUsers.client.password),
    ]);
  });
  afterAll(() => gateway?.stop());

  it('refuses an operation that is not registered, sent in full or by hash', async () => {
    const query = 'query NotRegistered { me { id } }';
    const inFull = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(clientToken) },
      body: JSON.stringify({ query }),
    });
    expect(inFull.status).toBe(400);
    expect(errorCode((await inFull.json()) as { errors?: { extensions?: Record<string, unknown> }[] })).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
    const byHash = await post(gateway.url, { id: sha256(query), query }, bearer(clientToken));
    expect(errorCode(byHash.body)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('runs registered operations, by id or with their registered text', async () => {
    const operation = registered('OwnTenantOverview');
    const byId = await post(gateway.url, { id: operation.id, variables: { id: demoTenant.id } }, bearer(clientToken));
    expect(byId.body.data?.tenant.slug).toBe('demo');
    const inFull = await post(
      gateway.url,
      { id: operation.id, query: operation.body, variables: { id: demoTenant.id } },
      bearer(clientToken),
    );
    expect(inFull.body.data?.tenant.slug).toBe('demo');
  });

  it('lets SUPERADMINs run ad-hoc operations (Apollo Sandbox)', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await superadminToken()) },
      body: JSON.stringify({ query: '{ tenants(first: 1) { totalCount } }' }),
    });
    expect(
      ((await response.json()) as { data?: { tenants: { totalCount: number } } }).data?.tenants.totalCount,
    ).toBeGreaterThan(0);
  });
});

describe('the web console manifest', () => {
  it('matches the operations in web/src (run `npm run persisted-operations -w @codex/web` after editing one)', async () => {
    const config = JSON.parse(
      await readFile(new URL('../web/persisted-query-manifest.config.json', import.meta.url), 'utf8'),
    ) as { documents: string[] };
    const documents = config.documents.map((pattern) =>
      pattern.startsWith('!') ? `!web/${pattern.slice(1)}` : `web/${pattern}`,
    );
    const generated = await generatePersistedQueryManifest({ documents }, undefined);
    expect(generated.operations).toEqual(manifest.operations);
  });
});
