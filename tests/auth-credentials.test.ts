import { accessTokenAudience, accessTokenIssuer, jwksPath } from '@codex/kit';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './support/actors.ts';
import { errorCode, eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';

const jwksUrl = () => new URL(jwksPath, inject('subgraphUrls').auth);
async function onAuthDatabase(sql: string, values: unknown[] = []) {
  const db = new pg.Client({ connectionString: inject('databaseUrls').auth });
  await db.connect();
  try {
    await db.query(sql, values);
  } finally {
    await db.end();
  }
}
const fetchJwks = async () => (await (await fetch(jwksUrl())).json()) as JSONWebKeySet;

describe('API keys, machine clients and signing keys', () => {
  let actors: TenantActors;
  beforeAll(async () => {
    actors = await createTenantWithUsers(await superadminToken(), 'creds');
  });

  it('an API key works as x-api-key until it is revoked, then is refused within seconds', async () => {
    const created = await graphql(
      /* GraphQL */ `mutation K($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix role revokedAt } } }`,
      { input: { name: 'storefront', role: 'CLIENT' } },
      { headers: bearer(actors.admin.token) },
    );
    const { secret, apiKey } = created.body.data!.createApiKey;
    expect(secret).toMatch(new RegExp(`^cdx_${apiKey.prefix}_`));
    expect(apiKey).toMatchObject({ name: 'storefront', role: 'CLIENT', revokedAt: null });

    const tenant = await graphql(
      `query T($id: ID!) { tenant(id: $id) { id slug } }`,
      { id: actors.tenant.id },
      { headers: { 'x-api-key': secret } },
    );
    expect(tenant.body.data?.tenant).toEqual(actors.tenant);
    const me = await graphql(`{ me { id } }`, {}, { headers: { 'x-api-key': secret } });
    expect(me.body.data?.me).toBeNull();

    const revoked = await graphql(
      `mutation R($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: apiKey.id },
      { headers: bearer(actors.admin.token) },
    );
    expect(revoked.body.data?.revokeApiKey.revokedAt).toBeTruthy();
    await eventually(async () => {
      const { body } = await graphql(`{ me { id } }`, {}, { headers: { 'x-api-key': secret } });
      expect(errorCode(body)).toBe('UNAUTHENTICATED');
    }, 3500);
    const listed = await graphql(
      `{ apiKeys { totalCount edges { node { id lastUsedAt } } } }`,
      {},
      { headers: bearer(actors.admin.token) },
    );
    expect(listed.body.data?.apiKeys.edges[0].node.lastUsedAt).toBeTruthy();
    const client = await graphql(`{ apiKeys { totalCount } }`, {}, { headers: bearer(actors.client.token) });
    expect(errorCode(client.body)).toBe('FORBIDDEN');
  });

  it('a machine client exchanges its credentials for a token carrying its scopes', async () => {
    const created = await graphql(
      /* GraphQL */ `mutation M($input: CreateMachineClientInput!) { createMachineClient(input: $input) { clientSecret machineClient { id clientId scopes } } }`,
      { input: { name: 'etl', scopes: ['CRM_READ', 'ANALYTICS_INGEST'] } },
      { headers: bearer(actors.admin.token) },
    );
    const { clientSecret, machineClient } = created.body.data!.createMachineClient;
    const exchange = /* GraphQL */ `mutation T($id: String!, $secret: String!) { clientCredentialsToken(clientId: $id, clientSecret: $secret) { accessToken expiresAt scopes } }`;
    const issued = await graphql(exchange, { id: machineClient.clientId, secret: clientSecret });
    const payload = issued.body.data?.clientCredentialsToken;
    expect(machineClient.scopes).toEqual(['CRM_READ', 'ANALYTICS_INGEST']);
    expect(payload.scopes).toEqual(['CRM_READ', 'ANALYTICS_INGEST']);
    expect(decodeJwt(payload.accessToken)).toMatchObject({
      sub: machineClient.id,
      tid: actors.tenant.id,
      role: 'CLIENT',
      knd: 'machine',
      sid: null,
      scp: ['crm:read', 'analytics:ingest'],
    });
    // Its scopes open CRM's queries; Auth's need auth:read, which it lacks.
    const withinScope = `{ customers(first: 1) { totalCount } }`;
    const customers = await graphql(withinScope, {}, { headers: bearer(payload.accessToken) });
    expect(customers.body.errors).toBeUndefined();
    const tenant = await graphql(
      `query T($id: ID!) { tenant(id: $id) { id } }`,
      { id: actors.tenant.id },
      { headers: bearer(payload.accessToken) },
    );
    expect(errorCode(tenant.body)).toBe('FORBIDDEN');

    expect(errorCode((await graphql(exchange, { id: machineClient.clientId, secret: 'cdxs_wrong' })).body)).toBe(
      'UNAUTHENTICATED',
    );
    await graphql(
      `mutation R($id: ID!) { revokeMachineClient(id: $id) { id } }`,
      { id: machineClient.id },
      { headers: bearer(actors.admin.token) },
    );
    expect(errorCode((await graphql(exchange, { id: machineClient.clientId, secret: clientSecret })).body)).toBe(
      'UNAUTHENTICATED',
    );
    await eventually(async () => {
      const refused = await graphql(withinScope, {}, { headers: bearer(payload.accessToken) });
      expect(errorCode(refused.body)).toBe('UNAUTHENTICATED');
    }, 3500);
  });

  it('publishes the next key before it signs; tokens of the previous key verify until they expire', async () => {
    const response = await fetch(jwksUrl());
    expect(response.headers.get('cache-control')).toContain('max-age=60');
    const before = await login(actors.client.email, actors.client.password);
    const oldKid = decodeProtectedHeader(before).kid;

    await onAuthDatabase(
      `UPDATE signing_keys SET created_at = created_at - interval '25 hours' WHERE retires_at IS NULL`,
    );
    await login(actors.client.email, actors.client.password); // rotation due: the successor is scheduled
    const published = (await fetchJwks()).keys.map((key) => key.kid);
    expect(published).toContain(oldKid);
    expect(published.length).toBeGreaterThan(1);

    let after = '';
    await eventually(async () => {
      after = await login(actors.client.email, actors.client.password);
      expect(decodeProtectedHeader(after).kid).not.toBe(oldKid);
    }, 15_000);
    const keys = await fetchJwks();
    expect(keys.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, decodeProtectedHeader(after).kid]));
    const verify = (token: string) =>
      jwtVerify(token, createLocalJWKSet(keys), { issuer: accessTokenIssuer, audience: accessTokenAudience });
    await expect(verify(before)).resolves.toBeTruthy();
    await expect(verify(after)).resolves.toBeTruthy();
    for (const token of [before, after]) {
      const { body } = await graphql(`{ me { id } }`, {}, { headers: bearer(token) });
      expect(body.data?.me?.id, JSON.stringify(body.errors)).toBe(actors.client.id);
    }
  });

  it('replaces an active key sealed under another secret (a restart with a new one) instead of failing', async () => {
    const publicJwk = await exportJWK((await generateKeyPair('ES256')).publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await onAuthDatabase(
      `INSERT INTO signing_keys (kid, public_jwk, private_key_encrypted, created_at, activates_at) VALUES ($1, $2, 'v1.AAAA.AAAA.AAAA', now() + interval '1 second', now())`,
      [kid, JSON.stringify(publicJwk)],
    );
    const token = await login(actors.admin.email, actors.admin.password);
    expect(decodeProtectedHeader(token).kid).not.toBe(kid);
    // A key that signs at once may meet a verifier inside its JWKS refetch cooldown (gateway: 5 s).
    await eventually(async () => {
      const { body } = await graphql(`{ me { id } }`, {}, { headers: bearer(token) });
      expect(body.data?.me?.id, JSON.stringify(body.errors)).toBe(actors.admin.id);
    }, 8000);
  });
});
