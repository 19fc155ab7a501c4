import { randomUUID } from 'node:crypto';
import { gatewayKey, gatewayTokenHeader, signGatewayToken } from '@codex/kit';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';

const loginMutation = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { accessToken refreshToken expiresAt user { id email role tenant { id slug } } }
  }
`;
const meQuery = /* GraphQL */ `{ me { id email role tenant { id } } }`;

/** Straight to the auth subgraph, signed as the gateway, from a chosen client address. */
async function loginFrom(clientIp: string, email: string, password: string) {
  const token = await signGatewayToken(gatewayKey(inject('gatewaySecret')), {
    requestId: randomUUID(),
    clientIp,
    identity: null,
  });
  const response = await fetch(inject('subgraphUrls').auth, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [gatewayTokenHeader]: token },
    body: JSON.stringify({ query: loginMutation, variables: { email, password } }),
  });
  return (await response.json()) as {
    data?: { login?: { accessToken: string } } | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

describe('login', () => {
  let superToken: string;
  let actors: TenantActors;
  beforeAll(async () => {
    superToken = await superadminToken();
    actors = await createTenantWithUsers(superToken, 'login');
  });

  it('returns tokens and the user with their tenant', async () => {
    const { body } = await graphql(loginMutation, {
      email: actors.admin.email.toUpperCase(),
      password: actors.admin.password,
    });
    expect(body.errors).toBeUndefined();
    const payload = body.data?.login;
    expect(payload.user).toEqual({
      id: actors.admin.id,
      email: actors.admin.email,
      role: 'ADMIN',
      tenant: actors.tenant,
    });
    expect(payload.accessToken.split('.')).toHaveLength(3);
    expect(new Date(payload.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const me = await graphql(meQuery, {}, { headers: bearer(payload.accessToken) });
    expect(me.body.data?.me).toEqual({
      id: actors.admin.id,
      email: actors.admin.email,
      role: 'ADMIN',
      tenant: { id: actors.tenant.id },
    });
  });

  it('lets the superadmin log in with the username test', async () => {
    const { body } = await graphql(loginMutation, { email: 'test', password: 'test123' });
    expect(body.data?.login.user).toMatchObject({ role: 'SUPERADMIN', tenant: null });
  });

  it('gives the same UNAUTHENTICATED error for a wrong password and an unknown email', async () => {
    const wrongPassword = await graphql(loginMutation, { email: actors.client.email, password: 'not-the-password' });
    const unknownEmail = await graphql(loginMutation, {
      email: `nobody-${randomUUID()}@example.test`,
      password: 'whatever1',
    });
    for (const { body } of [wrongPassword, unknownEmail]) {
      expect(body.data).toBeNull();
      expect(body.errors?.[0]).toMatchObject({
        message: 'Invalid email or password',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('refuses an account with RATE_LIMITED after 5 failures, even with the right password', async () => {
    const victim = await createTenantWithUsers(superToken, 'throttle');
    for (let i = 0; i < 5; i++) {
      const { body } = await graphql(loginMutation, { email: victim.client.email, password: `wrong-${i}` });
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const { body } = await graphql(loginMutation, { email: victim.client.email, password: victim.client.password });
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(800);
  });

  it('refuses a client address with RATE_LIMITED after 20 failures at unknown accounts, for unknown accounts only', async () => {
    const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) {
      const body = await loginFrom(address, `spray-${i}-${randomUUID()}@example.test`, 'password1');
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await loginFrom(address, `spray-next-${randomUUID()}@example.test`, 'password1');
    expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // A known account is governed by its own counter: the address's failures do not lock it out.
    const known = await loginFrom(address, actors.client.email, actors.client.password);
    expect(known.data?.login?.accessToken).toBeTruthy();
  });

  it('suspending a tenant refuses its users’ existing tokens within seconds and their logins', async () => {
    const tenant = await createTenantWithUsers(superToken, 'suspend');
    expect((await graphql(meQuery, {}, { headers: bearer(tenant.client.token) })).body.data?.me?.id).toBe(
      tenant.client.id,
    );
    const suspended = await graphql(
      /* GraphQL */ `mutation Suspend($id: ID!) { suspendTenant(id: $id) { id status } }`,
      { id: tenant.tenant.id },
      { headers: bearer(superToken) },
    );
    expect(suspended.body.data?.suspendTenant.status).toBe('SUSPENDED');
    await eventually(async () => {
      const { body } = await graphql(meQuery, {}, { headers: bearer(tenant.client.token) });
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }, 3500);
    const { body } = await graphql(loginMutation, { email: tenant.admin.email, password: tenant.admin.password });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await graphql(
      /* GraphQL */ `mutation R($id: ID!) { reactivateTenant(id: $id) { id } }`,
      { id: tenant.tenant.id },
      { headers: bearer(superToken) },
    );
    const again = await graphql(loginMutation, { email: tenant.admin.email, password: tenant.admin.password });
    expect(again.body.data?.login.user.id).toBe(tenant.admin.id);
  });
});
