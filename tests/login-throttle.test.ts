import { randomUUID } from 'node:crypto';
import { gatewayKey, gatewayTokenHeader, signGatewayToken } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';

/**
 * The login throttle from the attacker's side: attempts are counted before the password is
 * checked (so concurrency cannot outrun it), unknown-account failures from one address do not
 * lock known accounts out, and an owner's trusted device is counted apart from everyone else.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

const loginMutation = /* GraphQL */ `
  mutation Login($email: String!, $password: String!, $deviceToken: String) {
    login(email: $email, password: $password, deviceToken: $deviceToken) { accessToken deviceToken }
  }
`;

interface LoginAnswer {
  data?: { login?: { accessToken: string; deviceToken: string | null } } | null;
  errors?: { extensions?: Record<string, unknown> }[];
}

/** Straight to the auth subgraph, signed as the gateway, from a chosen client address (no gateway rate limit). */
async function loginFrom(clientIp: string, email: string, password: string, deviceToken?: string | null) {
  const token = await signGatewayToken(gatewayKey(inject('gatewaySecret')), {
    requestId: randomUUID(),
    clientIp,
    identity: null,
  });
  const response = await fetch(inject('subgraphUrls').auth, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [gatewayTokenHeader]: token },
    body: JSON.stringify({ query: loginMutation, variables: { email, password, deviceToken } }),
  });
  return (await response.json()) as LoginAnswer;
}

const code = (answer: LoginAnswer) => answer.errors?.[0]?.extensions?.code;
const randomAddress = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join('.')}`;
const failuresOf = (email: string) => db.auth.authEvent.count({ where: { email, type: 'LOGIN_FAILED' } });

describe('login throttle', () => {
  let superToken: string;
  let actors: TenantActors;
  beforeAll(async () => {
    superToken = await superadminToken();
    actors = await createTenantWithUsers(superToken, 'throttle');
  });

  it('checks at most 5 of 40 concurrent wrong guesses at one account against the password', async () => {
    const victim = (await createTenantWithUsers(superToken, 'burst')).client;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(randomAddress(), victim.email, `wrong-${i}`)),
    );
    const codes = answers.map(code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(35);
    expect(await failuresOf(victim.email)).toBeLessThanOrEqual(5);
    const limited = answers.find((answer) => code(answer) === 'RATE_LIMITED');
    expect(limited?.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('20 failures at unknown e-mails from one address do not refuse a known user’s right password from it', async () => {
    const address = randomAddress();
    for (let i = 0; i < 20; i++) {
      expect(code(await loginFrom(address, `nobody-${i}-${randomUUID()}@example.test`, 'password1'))).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect(code(await loginFrom(address, `nobody-more-${randomUUID()}@example.test`, 'password1'))).toBe(
      'RATE_LIMITED',
    );
    const known = await loginFrom(address, actors.admin.email, actors.admin.password);
    expect(known.data?.login?.accessToken).toBeTruthy();
    const superadmin = await loginFrom(address, 'test', 'test123');
    expect(superadmin.data?.login?.accessToken).toBeTruthy();
  });

  it('an attacker’s failures from elsewhere do not lock out the owner who presents a device token', async () => {
    const owner = (await createTenantWithUsers(superToken, 'device')).client;
    const first = await loginFrom('10.1.1.1', owner.email, owner.password);
    const deviceToken = first.data?.login?.deviceToken;
    expect(deviceToken).toBeTruthy();
    for (let i = 0; i < 8; i++) await loginFrom(randomAddress(), owner.email, `attacker-${i}`);
    expect(code(await loginFrom('10.1.1.1', owner.email, owner.password))).toBe('RATE_LIMITED');
    const trusted = await loginFrom('10.1.1.1', owner.email, owner.password, deviceToken);
    expect(trusted.data?.login?.accessToken).toBeTruthy();
    // A token of another account, or a forged one, is no device token here.
    const forged = `${deviceToken?.slice(0, -4)}AAAA`;
    expect(code(await loginFrom('10.1.1.1', owner.email, owner.password, forged))).toBe('RATE_LIMITED');
  });

  it('a trusted device’s own failures lock only that device', async () => {
    const owner = (await createTenantWithUsers(superToken, 'own-device')).client;
    const deviceToken = (await loginFrom('10.2.2.2', owner.email, owner.password)).data?.login?.deviceToken;
    for (let i = 0; i < 5; i++) await loginFrom('10.2.2.2', owner.email, `typo-${i}`, deviceToken);
    expect(code(await loginFrom('10.2.2.2', owner.email, owner.password, deviceToken))).toBe('RATE_LIMITED');
    expect((await loginFrom('10.2.2.3', owner.email, owner.password)).data?.login?.accessToken).toBeTruthy();
  });

  it('a successful login clears the account’s count', async () => {
    const owner = (await createTenantWithUsers(superToken, 'clear')).client;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        expect(code(await loginFrom('10.3.3.3', owner.email, `wrong-${round}-${i}`))).toBe('UNAUTHENTICATED');
      }
      expect((await loginFrom('10.3.3.3', owner.email, owner.password)).data?.login?.accessToken).toBeTruthy();
    }
  });

  it('refuses over-long credentials with BAD_USER_INPUT naming the argument, before any password check', async () => {
    const answer = await loginFrom('10.4.4.4', actors.client.email, 'x'.repeat(100_000));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });
});
