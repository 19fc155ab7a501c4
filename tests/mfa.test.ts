import { randomUUID } from 'node:crypto';
import { demoUsers } from '@codex/kit';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { meQuery } from '../sdk/src/index.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql, type GraphQLResponse } from './support/graphql.ts';
import { sdkClient } from './support/sdk-fixture.ts';

/**
 * TOTP two-factor sign-in from the attacker's side: codes cannot be replayed, recovery codes work
 * once, a challenge dies with its lifetime and cannot be completed by another client, wrong codes
 * are throttled, removal needs password and code, and accounts without MFA sign in as before.
 * Codes are computed for the current step and the next (both accepted, whatever boundary a request
 * crosses), so no test waits for the clock.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

const loginDoc = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken refreshToken user { id } mfaChallenge { token expiresAt methods }
    }
  }
`;
const verifyDoc = /* GraphQL */ `
  mutation Verify($challenge: String!, $code: String!) {
    verifyMfa(challenge: $challenge, code: $code) { accessToken refreshToken user { id email } mfaChallenge { token } }
  }
`;
const startDoc = /* GraphQL */ `
  mutation Start($challenge: String) { startMfaEnrollment(challenge: $challenge) { otpauthUri qrCodeSvg secret } }
`;
const confirmDoc = /* GraphQL */ `
  mutation Confirm($code: String!, $challenge: String) {
    confirmMfaEnrollment(code: $code, challenge: $challenge) { recoveryCodes session { accessToken user { id } } }
  }
`;
const removeDoc = /* GraphQL */ `
  mutation Remove($password: String!, $code: String!) { removeMfa(password: $password, code: $code) }
`;

const codeOf = (secret: string, step: number) => generate({ secret, epoch: step * 30 });
const stepNow = () => Math.floor(Date.now() / 30_000);
const errorCode = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;

/** One client: every request with the same user agent (a challenge is bound to its client). */
const clientOf = (agent = `mfa-test-${randomUUID()}`) => ({
  send: (query: string, variables: Record<string, unknown>, token?: string) =>
    graphql(query, variables, { headers: { 'user-agent': agent, ...(token ? bearer(token) : {}) } }),
});
type Client = ReturnType<typeof clientOf>;

interface Enrolled {
  email: string;
  password: string;
  id: string;
  secret: string;
  recoveryCodes: string[];
  /** The step enrolment used: sign-ins use the next one. */
  step: number;
}

/** Enrols a signed-in user (confirmed with the current step's code). */
async function enrol(user: TenantActors['client']): Promise<Enrolled> {
  const client = clientOf();
  const started = await client.send(startDoc, {}, user.token);
  const { secret, otpauthUri, qrCodeSvg } = started.body.data?.startMfaEnrollment ?? {};
  expect(otpauthUri).toContain(`secret=${secret}`);
  expect(qrCodeSvg).toMatch(/^<svg/);
  const step = stepNow();
  const confirmed = await client.send(confirmDoc, { code: await codeOf(secret, step) }, user.token);
  const { recoveryCodes, session } = confirmed.body.data?.confirmMfaEnrollment ?? {};
  expect(recoveryCodes).toHaveLength(10);
  expect(session).toBeNull();
  return { ...user, secret, recoveryCodes, step };
}

async function challengeFor(client: Client, user: { email: string; password: string }) {
  const { body } = await client.send(loginDoc, { email: user.email, password: user.password });
  expect(body.data?.login).toMatchObject({ accessToken: null, refreshToken: null, user: null });
  return body.data?.login.mfaChallenge as { token: string; methods: string[] };
}

describe('two-factor sign-in', () => {
  let superToken: string;
  beforeAll(async () => {
    superToken = await superadminToken();
  });
  const freshUser = async (label: string) => (await createTenantWithUsers(superToken, label)).client;

  it('enrolment turns login into two steps; a code of the same step is refused the second time', async () => {
    const user = await enrol(await freshUser('mfa-replay'));
    const client = clientOf();
    const first = await challengeFor(client, user);
    expect(first.methods).toEqual(['TOTP', 'RECOVERY_CODE']);
    const code = await codeOf(user.secret, user.step + 1);
    const signedIn = await client.send(verifyDoc, { challenge: first.token, code });
    expect(signedIn.body.data?.verifyMfa).toMatchObject({ user: { id: user.id }, mfaChallenge: null });
    expect(signedIn.body.data?.verifyMfa.accessToken).toBeTruthy();

    const second = await challengeFor(client, user);
    const replayed = await client.send(verifyDoc, { challenge: second.token, code });
    expect(errorCode(replayed)).toBe('UNAUTHENTICATED');
    const enrolmentCode = await codeOf(user.secret, user.step);
    expect(errorCode(await client.send(verifyDoc, { challenge: second.token, code: enrolmentCode }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await db.auth.authEvent.count({ where: { userId: user.id, type: 'MFA_FAILED' } })).toBe(2);
    expect(await db.auth.authEvent.count({ where: { userId: user.id, type: 'MFA_ENROLLED' } })).toBe(1);
    expect(await db.auth.mailOutbox.count({ where: { to: user.email, template: 'mfa-enrolled' } })).toBe(1);
  });

  it('a challenge is single use', async () => {
    const user = await enrol(await freshUser('mfa-single'));
    const client = clientOf();
    const challenge = await challengeFor(client, user);
    const [first, second] = user.recoveryCodes;
    expect(
      (await client.send(verifyDoc, { challenge: challenge.token, code: first })).body.data?.verifyMfa,
    ).toBeTruthy();
    expect(errorCode(await client.send(verifyDoc, { challenge: challenge.token, code: second }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('a recovery code works once, and is recorded as used', async () => {
    const user = await enrol(await freshUser('mfa-recovery'));
    const client = clientOf();
    const [code] = user.recoveryCodes;
    const used = await client.send(verifyDoc, { challenge: (await challengeFor(client, user)).token, code });
    expect(used.body.data?.verifyMfa.accessToken).toBeTruthy();
    const again = await client.send(verifyDoc, { challenge: (await challengeFor(client, user)).token, code });
    expect(errorCode(again)).toBe('UNAUTHENTICATED');
    expect(await db.auth.authEvent.count({ where: { userId: user.id, type: 'RECOVERY_CODE_USED' } })).toBe(1);
    const stored = await db.auth.mfaRecoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.filter((row) => row.usedAt)).toHaveLength(1);
    expect(stored.map((row) => row.codeHash)).not.toContain(code);
  });

  it('an expired challenge is refused', async () => {
    const user = await enrol(await freshUser('mfa-expiry'));
    const client = clientOf();
    const challenge = await challengeFor(client, user);
    // The lifetime has passed: moved into the past rather than waited for.
    await db.auth.mfaChallenge.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await client.send(verifyDoc, { challenge: challenge.token, code: user.recoveryCodes[0] });
    expect(errorCode(late)).toBe('UNAUTHENTICATED');
  });

  it('a challenge cannot be completed by another client, even with the right code', async () => {
    const user = await enrol(await freshUser('mfa-binding'));
    const challenge = await challengeFor(clientOf(), user);
    const stolen = await clientOf('attacker-agent').send(verifyDoc, {
      challenge: challenge.token,
      code: await codeOf(user.secret, user.step + 1),
    });
    expect(errorCode(stolen)).toBe('UNAUTHENTICATED');
    expect(stolen.body.data?.verifyMfa ?? null).toBeNull();
  });

  it('wrong codes are throttled like passwords: the sixth attempt is refused even with the right code', async () => {
    const user = await enrol(await freshUser('mfa-throttle'));
    const client = clientOf();
    const challenge = await challengeFor(client, user);
    for (let i = 0; i < 5; i++)
      expect(errorCode(await client.send(verifyDoc, { challenge: challenge.token, code: `00000${i}` }))).toBe(
        'UNAUTHENTICATED',
      );
    const limited = await client.send(verifyDoc, { challenge: challenge.token, code: user.recoveryCodes[0] });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('removing MFA needs both the password and a code', async () => {
    const user = await enrol(await freshUser('mfa-remove'));
    const client = clientOf();
    const token = (
      await client.send(verifyDoc, {
        challenge: (await challengeFor(client, user)).token,
        code: user.recoveryCodes[0],
      })
    ).body.data?.verifyMfa.accessToken as string;
    const [, second, third] = user.recoveryCodes;
    expect(errorCode(await client.send(removeDoc, { password: 'wrong-password', code: second }, token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await client.send(removeDoc, { password: user.password, code: '123456' }, token))).toBe(
      'BAD_USER_INPUT',
    );
    const removed = await client.send(removeDoc, { password: user.password, code: third }, token);
    expect(removed.body.data?.removeMfa).toBe(true);
    const plain = await client.send(loginDoc, { email: user.email, password: user.password });
    expect(plain.body.data?.login).toMatchObject({ mfaChallenge: null, user: { id: user.id } });
    expect(await db.auth.authEvent.count({ where: { userId: user.id, type: 'MFA_REMOVED' } })).toBe(1);
    expect(await db.auth.auditLog.count({ where: { entityId: user.id, action: 'user.mfa.remove' } })).toBe(1);
    expect(await db.auth.mailOutbox.count({ where: { to: user.email, template: 'mfa-removed' } })).toBe(1);
  });

  it('the SDK completes a challenged login with the code its mfaCode callback gives', async () => {
    const user = await enrol(await freshUser('mfa-sdk'));
    const asked: string[][] = [];
    const codex = sdkClient({
      credentials: {
        email: user.email,
        password: user.password,
        mfaCode: ({ methods }) => {
          asked.push(methods);
          return codeOf(user.secret, user.step + 1);
        },
      },
    });
    expect((await codex.request(meQuery, {})).data.me?.id).toBe(user.id);
    expect(asked).toEqual([['TOTP', 'RECOVERY_CODE']]);
    const withoutCode = sdkClient({ credentials: { email: user.email, password: user.password } });
    await expect(withoutCode.request(meQuery, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the demo users sign in with their password alone', async () => {
    for (const demo of [demoUsers.admin, { ...demoUsers.superadmin, email: demoUsers.superadmin.username }]) {
      const { body } = await clientOf().send(loginDoc, { email: demo.email, password: demo.password });
      expect(body.data?.login).toMatchObject({ mfaChallenge: null, user: { id: demo.id } });
      expect(body.data?.login.accessToken).toBeTruthy();
    }
  });

  it('a tenant that requires MFA for ADMINs makes its ADMIN enrol at sign-in; its CLIENTs are unaffected', async () => {
    const actors = await createTenantWithUsers(superToken, 'mfa-policy');
    const client = clientOf();
    const policy = await client.send(
      /* GraphQL */ `mutation { setAdminMfaRequired(required: true) { id mfaRequiredForAdmins } }`,
      {},
      actors.admin.token,
    );
    expect(policy.body.data?.setAdminMfaRequired).toEqual({ id: actors.tenant.id, mfaRequiredForAdmins: true });
    const challenge = await challengeFor(client, actors.admin);
    expect(challenge.methods).toEqual(['TOTP_ENROLLMENT']);
    expect(errorCode(await client.send(verifyDoc, { challenge: challenge.token, code: '123456' }))).toBe(
      'UNAUTHENTICATED',
    );
    const { secret } =
      (await client.send(startDoc, { challenge: challenge.token })).body.data?.startMfaEnrollment ?? {};
    const confirmed = await client.send(confirmDoc, {
      challenge: challenge.token,
      code: await codeOf(secret, stepNow()),
    });
    expect(confirmed.body.data?.confirmMfaEnrollment.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.data?.confirmMfaEnrollment.session).toMatchObject({ user: { id: actors.admin.id } });
    const reused = await client.send(confirmDoc, { challenge: challenge.token, code: '123456' });
    expect(errorCode(reused)).toBe('UNAUTHENTICATED');

    const clientLogin = await client.send(loginDoc, { email: actors.client.email, password: actors.client.password });
    expect(clientLogin.body.data?.login.accessToken).toBeTruthy();
  });
});
