import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { errorCode, eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';

const loginMutation = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }
`;
const refreshMutation = /* GraphQL */ `
  mutation Refresh($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { accessToken refreshToken user { id } } }
`;

const loginAs = async (email: string, password: string) => {
  const { body } = await graphql(loginMutation, { email, password });
  if (!body.data?.login) throw new Error(JSON.stringify(body.errors));
  return body.data.login as { accessToken: string; refreshToken: string };
};
const refresh = (refreshToken: string) => graphql(refreshMutation, { refreshToken });

describe('sessions', () => {
  let superToken: string;
  let actors: TenantActors;
  beforeAll(async () => {
    superToken = await superadminToken();
    actors = await createTenantWithUsers(superToken, 'sessions');
  });

  it('refresh rotates: the new refresh token works, the old one is spent', async () => {
    const first = await loginAs(actors.client.email, actors.client.password);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.body.data?.refreshToken.user.id).toBe(actors.client.id);
    expect(rotated.body.data?.refreshToken.refreshToken).not.toBe(first.refreshToken);
    const me = await graphql(`{ me { id } }`, {}, { headers: bearer(rotated.body.data?.refreshToken.accessToken) });
    expect(me.body.data?.me.id).toBe(actors.client.id);
  });

  it('reusing a spent refresh token revokes the family: its newer token stops working and TOKEN_REUSE is recorded', async () => {
    const first = await loginAs(actors.client.email, actors.client.password);
    const second = (await refresh(first.refreshToken)).body.data?.refreshToken;
    const reuse = await refresh(first.refreshToken);
    expect(errorCode(reuse.body)).toBe('UNAUTHENTICATED');
    expect(errorCode((await refresh(second.refreshToken)).body)).toBe('UNAUTHENTICATED');
    await eventually(async () => {
      const { body } = await graphql(`{ me { id } }`, {}, { headers: bearer(second.accessToken) });
      expect(errorCode(body)).toBe('UNAUTHENTICATED');
    }, 3500);
    const events = await graphql(
      /* GraphQL */ `query Events($userId: ID) { authEvents(userId: $userId, type: TOKEN_REUSE) { totalCount edges { node { type tenantId userId } } } }`,
      { userId: actors.client.id },
      { headers: bearer(actors.admin.token) },
    );
    expect(events.body.data?.authEvents.edges[0]?.node).toEqual({
      type: 'TOKEN_REUSE',
      tenantId: actors.tenant.id,
      userId: actors.client.id,
    });
  });

  it('after logout the refresh token fails and the access token is refused within seconds', async () => {
    const session = await loginAs(actors.admin.email, actors.admin.password);
    const out = await graphql(`mutation { logout }`, {}, { headers: bearer(session.accessToken) });
    expect(out.body.data?.logout).toBe(true);
    expect(errorCode((await refresh(session.refreshToken)).body)).toBe('UNAUTHENTICATED');
    await eventually(async () => {
      const { body } = await graphql(`{ me { id } }`, {}, { headers: bearer(session.accessToken) });
      expect(errorCode(body)).toBe('UNAUTHENTICATED');
    }, 3500);
  });

  it('lists the caller’s sessions and revokes one by id', async () => {
    const own = await createTenantWithUsers(superToken, 'revoke');
    const other = await loginAs(own.client.email, own.client.password);
    const list = await graphql(`{ sessions { id current } }`, {}, { headers: bearer(own.client.token) });
    const sessions = list.body.data!.sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    const target = sessions.find((session) => !session.current);
    const revoked = await graphql(
      `mutation R($id: ID!) { revokeSession(id: $id) }`,
      { id: target?.id },
      { headers: bearer(own.client.token) },
    );
    expect(revoked.body.data?.revokeSession).toBe(true);
    expect(errorCode((await refresh(other.refreshToken)).body)).toBe('UNAUTHENTICATED');
    const foreign = await graphql(
      `mutation R($id: ID!) { revokeSession(id: $id) }`,
      { id: sessions[0]?.id },
      { headers: bearer(actors.admin.token) },
    );
    expect(errorCode(foreign.body)).toBe('NOT_FOUND');
  });

  it('records the address and user agent the login came from on the session', async () => {
    const own = await createTenantWithUsers(superToken, 'agent');
    const userAgent = 'CodexTest/1.0 (session-audit)';
    const signedIn = await graphql(
      /* GraphQL */ `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email: own.admin.email, password: own.admin.password },
      { headers: { 'user-agent': userAgent } },
    );
    const token = signedIn.body.data?.login.accessToken as string;
    const list = await graphql(`{ sessions { current ip userAgent } }`, {}, { headers: bearer(token) });
    const current = (
      list.body.data!.sessions as { current: boolean; ip: string | null; userAgent: string | null }[]
    ).find((s) => s.current);
    expect(current).toMatchObject({ userAgent, ip: expect.stringMatching(/127\.0\.0\.1/) });
  });

  it('a password reset token works once and ends existing sessions', async () => {
    const own = await createTenantWithUsers(superToken, 'reset');
    const session = await loginAs(own.client.email, own.client.password);
    const requested = await graphql(
      /* GraphQL */ `mutation Req($email: String!) { requestPasswordReset(email: $email) { accepted developmentToken } }`,
      { email: own.client.email },
    );
    const token = requested.body.data?.requestPasswordReset.developmentToken as string;
    expect(token).toBeTruthy();
    const unknown = await graphql(
      `mutation { requestPasswordReset(email: "nobody@example.test") { accepted developmentToken } }`,
    );
    expect(unknown.body.data?.requestPasswordReset).toEqual({ accepted: true, developmentToken: null });

    const reset = /* GraphQL */ `mutation Reset($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
    expect((await graphql(reset, { token, password: 'brand-new-pass-1' })).body.data?.resetPassword).toBe(true);
    const second = await graphql(reset, { token, password: 'brand-new-pass-2' });
    expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(errorCode((await refresh(session.refreshToken)).body)).toBe('UNAUTHENTICATED');
    await loginAs(own.client.email, 'brand-new-pass-1');
  });

  it('changePassword needs the current password', async () => {
    const own = await createTenantWithUsers(superToken, 'change');
    const change = /* GraphQL */ `mutation C($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;
    const wrong = await graphql(
      change,
      { current: 'nope-nope', next: 'another-pass-1' },
      { headers: bearer(own.admin.token) },
    );
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const right = await graphql(
      change,
      { current: own.admin.password, next: 'another-pass-1' },
      { headers: bearer(own.admin.token) },
    );
    expect(right.body.data?.changePassword).toBe(true);
    await loginAs(own.admin.email, 'another-pass-1');
  });
});
