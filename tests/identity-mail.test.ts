import { randomUUID } from 'node:crypto';
import { allTenants, withScope } from '@codex/kit';
import { createJobQueue, type JobQueue } from '@codex/kit/job-queue';
import { createMailOutbox, sendMailTask } from '@codex/subgraph-auth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { type AnswerJson, graphql } from './support/graphql.ts';
import { quietLogger } from './support/job-queues.ts';
import { acceptMailTo, linkToken, mailsTo, refuseMailTo, waitForMail } from './support/mail-inbox.ts';

/**
 * Mail that really leaves Auth, read where it lands (the platform's SMTP catcher): invitations,
 * e-mail verification, password reset by mail and new-device sign-ins, and the outbox's promises —
 * nothing is sent for a rolled-back action, and a failing SMTP server neither fails the action nor
 * loses the mail.
 */
const db = connectDatabases();
let superToken: string;
let a: TenantActors;
let b: TenantActors;

beforeAll(async () => {
  superToken = await superadminToken();
  [a, b] = await Promise.all([
    createTenantWithUsers(superToken, 'mail-a'),
    createTenantWithUsers(superToken, 'mail-b'),
  ]);
}, 60_000);
afterAll(() => db.disconnect());

const freshEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;
const errorOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions ?? {};
const as = (token: string) => ({ headers: bearer(token) });

const inviteUser = /* GraphQL */ `
  mutation Invite($input: InviteUserInput!) { inviteUser(input: $input) { id email role status sentCount } }
`;
const acceptInvitation = /* GraphQL */ `
  mutation Accept($token: String!, $password: String!, $tenant: String) {
    acceptInvitation(token: $token, password: $password, tenant: $tenant) {
      accessToken
      user { email role tenant { slug } }
    }
  }
`;
const verifyEmail = /* GraphQL */ `mutation Verify($token: String!) { verifyEmail(token: $token) }`;
const createUser = /* GraphQL */ `mutation Create($input: CreateUserInput!) { createUser(input: $input) { id } }`;

/** An ADMIN of `actors` invites `email`; the invitation and the token of the link it mailed. */
async function invite(actors: TenantActors, email: string) {
  const { body } = await graphql(inviteUser, { input: { email, role: 'CLIENT' } }, as(actors.admin.token));
  if (!body.data?.inviteUser) throw new Error(`inviteUser failed: ${JSON.stringify(body.errors)}`);
  const mail = await waitForMail(email, (m) => m.subject.startsWith('You are invited'));
  return { invitation: body.data.inviteUser as { id: string; sentCount: number }, token: linkToken(mail), mail };
}

const accept = (token: string, tenant: string, password = `pw-${randomUUID()}`) =>
  graphql(acceptInvitation, { token, password, tenant });

describe('invitations', () => {
  it('an invited person gets a 7-day link, sets a password with it, lands signed in and verified', async () => {
    const email = freshEmail('invitee');
    const { token, mail } = await invite(a, email);
    expect(mail.subject).toBe(`You are invited to Tenant ${a.tenant.slug}`);
    expect(mail.text).toContain(`tenant=${a.tenant.slug}`);
    expect(mail.html).toContain('Accept the invitation');

    const password = `pw-${randomUUID()}`;
    const accepted = await accept(token, a.tenant.slug, password);
    expect(accepted.body.data?.acceptInvitation.user).toEqual({
      email,
      role: 'CLIENT',
      tenant: { slug: a.tenant.slug },
    });
    const me = await graphql(
      `{ me { emailVerified emailVerifiedAt } }`,
      {},
      as(accepted.body.data?.acceptInvitation.accessToken),
    );
    expect(me.body.data?.me).toMatchObject({ emailVerified: true, emailVerifiedAt: expect.any(String) });
    await login(email, password);

    expect(errorOf((await accept(token, a.tenant.slug)).body)).toMatchObject({ reason: 'INVITATION_USED' });
    const listed = await graphql(
      `{ invitations(first: 100) { edges { node { email status } } } }`,
      {},
      as(a.admin.token),
    );
    expect(listed.body.data?.invitations.edges.map((edge: AnswerJson) => edge.node)).toContainEqual({
      email,
      status: 'ACCEPTED',
    });
  });

  it('a revoked, an expired and a replaced link are refused with their own reason', async () => {
    const revoked = await invite(a, freshEmail('revoked'));
    await graphql(
      `mutation R($id: ID!) { revokeInvitation(id: $id) { status } }`,
      { id: revoked.invitation.id },
      as(a.admin.token),
    );
    expect(errorOf((await accept(revoked.token, a.tenant.slug)).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVITATION_REVOKED',
    });

    const expired = await invite(a, freshEmail('expired'));
    await db.auth.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(errorOf((await accept(expired.token, a.tenant.slug)).body)).toMatchObject({ reason: 'INVITATION_EXPIRED' });

    const email = freshEmail('resent');
    const first = await invite(a, email);
    const resent = await graphql(
      `mutation R($id: ID!) { resendInvitation(id: $id) { sentCount } }`,
      { id: first.invitation.id },
      as(a.admin.token),
    );
    expect(resent.body.data?.resendInvitation.sentCount).toBe(2);
    const second = await waitForMail(
      email,
      (m) => m.subject.startsWith('You are invited') && linkToken(m) !== first.token,
    );
    expect(errorOf((await accept(first.token, a.tenant.slug)).body)).toMatchObject({ reason: 'INVITATION_INVALID' });
    expect((await accept(linkToken(second), a.tenant.slug)).body.data?.acceptInvitation.user.email).toBe(email);
  });

  it("tenant A's invitation link never joins tenant B, and B's ADMIN cannot see or revoke it", async () => {
    const email = freshEmail('cross');
    const { invitation, token } = await invite(a, email);
    expect(errorOf((await accept(token, b.tenant.slug)).body)).toMatchObject({ reason: 'INVITATION_INVALID' });
    const revoke = await graphql(
      `mutation R($id: ID!) { revokeInvitation(id: $id) { id } }`,
      { id: invitation.id },
      as(b.admin.token),
    );
    expect(errorOf(revoke.body)).toMatchObject({ code: 'NOT_FOUND' });
    const listed = await graphql(`{ invitations(first: 100) { edges { node { email } } } }`, {}, as(b.admin.token));
    expect(JSON.stringify(listed.body.data)).not.toContain(email);
    const joined = await accept(token, a.tenant.slug);
    expect(joined.body.data?.acceptInvitation.user.tenant).toEqual({ slug: a.tenant.slug });
  });

  it('createUser without a password invites; SUPERADMINs read the mail through mailInbox, ADMINs cannot', async () => {
    const email = freshEmail('created');
    const created = await graphql(createUser, { input: { email, role: 'CLIENT' } }, as(a.admin.token));
    expect(created.body.errors).toBeUndefined();
    await waitForMail(email, (m) => m.subject.startsWith('You are invited'));
    const inbox = /* GraphQL */ `query Inbox($to: String) { mailInbox(first: 5, to: $to) { totalCount edges { node { to subject } } } }`;
    const read = await graphql(inbox, { to: email }, as(superToken));
    expect(read.body.data?.mailInbox.edges[0].node).toEqual({
      to: [email],
      subject: `You are invited to Tenant ${a.tenant.slug}`,
    });
    expect(errorOf((await graphql(inbox, { to: email }, as(a.admin.token))).body)).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('e-mail verification', () => {
  it('a tenant that requires it refuses sign-in until the link mailed at sign-up is used, once', async () => {
    const own = await createTenantWithUsers(superToken, 'mail-verify');
    const update = /* GraphQL */ `mutation U($id: ID!) { updateTenant(id: $id, input: { requireVerifiedEmail: true }) { requireVerifiedEmail } }`;
    expect((await graphql(update, { id: own.tenant.id }, as(superToken))).body.data?.updateTenant).toEqual({
      requireVerifiedEmail: true,
    });
    const refused = await graphql(
      `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email: own.client.email, password: own.client.password },
    );
    expect(errorOf(refused.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' });

    const token = linkToken(await waitForMail(own.client.email, (m) => m.subject.startsWith('Confirm')));
    expect((await graphql(verifyEmail, { token })).body.data?.verifyEmail).toBe(true);
    expect(errorOf((await graphql(verifyEmail, { token })).body)).toMatchObject({ reason: 'VERIFICATION_INVALID' });
    await login(own.client.email, own.client.password);
  });

  it('a changed address is unverified until the link mailed to it is used', async () => {
    const email = freshEmail('changed');
    const changed = await graphql(
      `mutation M($email: String!) { updateMe(input: { email: $email }) { emailVerified } }`,
      { email },
      as(b.client.token),
    );
    expect(changed.body.data?.updateMe.emailVerified).toBe(false);
    const token = linkToken(await waitForMail(email, (m) => m.subject.startsWith('Confirm')));
    expect((await graphql(verifyEmail, { token })).body.data?.verifyEmail).toBe(true);
    const me = await graphql(`{ me { email emailVerified } }`, {}, as(b.client.token));
    expect(me.body.data?.me).toEqual({ email, emailVerified: true });
  });
});

describe('password reset by mail and sign-in', () => {
  const requestReset = /* GraphQL */ `mutation Req($email: String!) { requestPasswordReset(email: $email) { accepted } }`;

  it('the link comes by mail, the answer is the same for an unknown address, a reset ends every session', async () => {
    const email = freshEmail('reset');
    const password = `pw-${randomUUID()}`;
    await graphql(createUser, { input: { email, password, role: 'CLIENT' } }, as(a.admin.token));
    const signIn = /* GraphQL */ `mutation L($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken } }`;
    const session = (await graphql(signIn, { email, password })).body.data?.login.refreshToken as string;
    const known = await graphql(requestReset, { email });
    const unknown = await graphql(requestReset, { email: freshEmail('nobody') });
    expect(known.body).toEqual(unknown.body);
    expect(known.body).toEqual({ data: { requestPasswordReset: { accepted: true } } });

    const token = linkToken(await waitForMail(email, (m) => m.subject.startsWith('Reset')));
    const reset = /* GraphQL */ `mutation R($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
    expect((await graphql(reset, { token, password: 'brand-new-pass-1' })).body.data?.resetPassword).toBe(true);
    const refresh = /* GraphQL */ `mutation R($token: String!) { refreshToken(refreshToken: $token) { accessToken } }`;
    expect(errorOf((await graphql(refresh, { token: session })).body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    await login(email, 'brand-new-pass-1');
  });

  it('requests for one address are throttled whether or not it is an account', async () => {
    const email = freshEmail('throttled');
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await graphql(requestReset, { email }));
    expect(answers.slice(0, 3).map((answer) => answer.body.data?.requestPasswordReset)).toEqual(
      Array(3).fill({ accepted: true }),
    );
    expect(errorOf(answers[3]!.body)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });

  it('a sign-in from a device not seen before is mailed; the first sign-in and a known device are not', async () => {
    const email = freshEmail('signin');
    const password = `pw-${randomUUID()}`;
    await graphql(createUser, { input: { email, password, role: 'CLIENT' } }, as(a.admin.token));
    const loginMutation = /* GraphQL */ `
      mutation L($email: String!, $password: String!, $deviceToken: String) {
        login(email: $email, password: $password, deviceToken: $deviceToken) { deviceToken }
      }`;
    const signIn = async (deviceToken?: string) =>
      (await graphql(loginMutation, { email, password, deviceToken })).body.data?.login.deviceToken as string;
    await signIn(await signIn());
    await signIn();
    const mail = await waitForMail(email, (m) => m.subject.startsWith('New sign-in'));
    expect(mail.text).toContain('a device we had not seen before');
    expect((await mailsTo(email)).filter((m) => m.subject.startsWith('New sign-in'))).toHaveLength(1);
  });
});

describe('the mail outbox', () => {
  let queue: JobQueue;
  const settings = {
    smtpUrl: null,
    from: 'test@example.test',
    publicUrl: 'http://localhost:4000',
    catcherUrl: null,
    retryDelaySeconds: 1,
  };
  const task = sendMailTask(db.auth, settings);
  beforeAll(async () => {
    // Enqueue only: Auth's own worker sends what this queues.
    queue = createJobQueue({
      databaseUrl: inject('databaseUrls').auth,
      tasks: [task],
      logger: quietLogger(),
      settings: { worker: false },
    });
    await queue.start();
  });
  afterAll(() => queue.stop());

  it('sends nothing for a rolled-back action', async () => {
    const outbox = createMailOutbox(queue, task, settings);
    const to = freshEmail('rollback');
    const mail = (template: 'mfa-enrolled' | 'mfa-removed') => ({ to, template, tenantId: a.tenant.id, data: {} });
    const failing = withScope(db.auth, allTenants, async (tx) => {
      await outbox.queue(tx, mail('mfa-enrolled'));
      throw new Error('the action failed');
    });
    await expect(failing).rejects.toThrow('the action failed');
    await withScope(db.auth, allTenants, (tx) => outbox.queue(tx, mail('mfa-removed')));
    expect((await waitForMail(to)).subject).toBe(`Two-factor sign-in turned off for Tenant ${a.tenant.slug}`);
    expect(await mailsTo(to)).toHaveLength(1);
    expect(await db.auth.mailOutbox.count({ where: { to } })).toBe(1);
  });

  it('a refusing SMTP server fails neither the action nor the mail: it is sent once the server accepts', async () => {
    const email = freshEmail('smtp-down');
    await refuseMailTo(email);
    try {
      const created = await graphql(
        createUser,
        { input: { email, password: `pw-${randomUUID()}`, role: 'CLIENT' } },
        as(a.admin.token),
      );
      expect(created.body.errors).toBeUndefined();
      await expect
        .poll(() => db.auth.mailOutbox.findFirst({ where: { to: email } }), { timeout: 30_000 })
        .toMatchObject({
          status: 'PENDING',
          attempts: expect.any(Number),
          lastError: expect.stringContaining('451'),
        });
    } finally {
      await acceptMailTo(email);
    }
    await waitForMail(email, (m) => m.subject.startsWith('Confirm'));
    await expect
      .poll(() => db.auth.mailOutbox.findFirst({ where: { to: email } }))
      .toMatchObject({
        status: 'SENT',
        text: null,
        html: null,
      });
  });
});
