import { apiError, ErrorCode, inputSchema, withScope, type Identity, parseArguments } from '@codex/kit';
import { z } from 'zod';
import { recordAuthEvent, sessionEvent } from './auth-events.ts';
import type { Tenant, User } from './db.ts';
import { issueDeviceToken, trustedDeviceId } from './device-tokens.ts';
import type { MutationLoginArgs } from './generated/graphql.ts';
import { accountKey, addressKey, clearLoginAttempts, takeLoginAttempt } from './login-throttle.ts';
import { queueMail } from './mail-outbox.ts';
import { verifyPassword } from './passwords.ts';
import { challengeIfRequired, type MfaChallengeView } from './mfa-challenges.ts';
import { invalidRefreshToken, newFamily, revokeFamily, startSession } from './sessions.ts';
import { sha256 } from './secrets.ts';
import type { AuthServices } from './services.ts';
import type { AuthRequest } from './request.ts';
import { isTenantAllowed, tenantSuspended } from './tenant-status.ts';
import { loginNameSchema, presentedPasswordSchema, tokenSchema } from './validation.ts';

/** The user a login or refresh authenticated, with their tenant (AuthPayload.user). */
export type AuthenticatedUser = User & { tenant: Tenant | null };

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: AuthenticatedUser;
  /** Login only: the device token to present with this account's next logins (see device-tokens.ts). */
  deviceToken: string | null;
  mfaChallenge?: null;
}

/** A login that needs its second step: no tokens, a challenge (mfa-sign-in.ts). */
export interface ChallengedLogin {
  accessToken: null;
  refreshToken: null;
  expiresAt: null;
  user: null;
  deviceToken: null;
  mfaChallenge: MfaChallengeView;
}

const invalidCredentials = () => apiError(ErrorCode.UNAUTHENTICATED, 'Invalid email or password');

const userIdentity = (user: User, familyId: string): Identity => ({
  kind: 'user',
  subjectId: user.id,
  tenantId: user.tenantId,
  role: user.role,
  scopes: [],
  sessionId: familyId,
});

const loginArgs = inputSchema<MutationLoginArgs>()(
  z.object({
    email: loginNameSchema,
    password: presentedPasswordSchema,
    deviceToken: tokenSchema.nullish(),
  }),
);

/**
 * The throttle key of an attempt: a known account's own counter (per device class), else the
 * client address (unknown accounts only); null when neither applies (no address known).
 */
function throttleFor(services: AuthServices, request: AuthRequest, user: User | null, deviceToken?: string | null) {
  const { perAccount, perAddress } = services.settings.loginThrottle;
  if (user)
    return { key: accountKey(user.id, trustedDeviceId(services.settings, deviceToken, user.id)), limit: perAccount };
  return request.clientIp ? { key: addressKey(request.clientIp), limit: perAddress } : null;
}

/**
 * Email (or a SUPERADMIN's username) and password → tokens. Unknown email, wrong password and
 * inactive user give the same error after the same argon2 work; the attempt is counted before the
 * password is checked (login-throttle.ts) and failures are LOGIN_FAILED events.
 * `request` must be the all-tenants (system) request.
 */
export async function login(
  services: AuthServices,
  request: AuthRequest,
  args: MutationLoginArgs,
): Promise<AuthResult | ChallengedLogin> {
  const { email, password, deviceToken } = parseArguments(loginArgs, args);
  const loginName = email.trim().toLowerCase();
  const user = await request.db.user.findFirst({
    where: { OR: [{ email: loginName }, { username: email.trim(), role: 'SUPERADMIN' }] },
    include: { tenant: true },
  });
  const account = user?.email ?? loginName;
  const throttle = throttleFor(services, request, user, deviceToken);
  if (throttle) await takeLoginAttempt(request.db, services.settings.loginThrottle, throttle.key, throttle.limit);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, password);
  const failure = loginFailure(user, passwordMatches);
  if (failure || !user) {
    await recordAuthEvent(request.db, request, {
      type: 'LOGIN_FAILED',
      tenantId: user?.tenantId ?? null,
      userId: user?.id ?? null,
      email: account,
      metadata: { reason: failure },
    });
    throw failureError(failure);
  }
  if (throttle) await clearLoginAttempts(request.db, throttle.key);
  const newDevice = user.lastLoginAt !== null && !trustedDeviceId(services.settings, deviceToken, user.id);
  const challenge = await challengeIfRequired(services, request, user, newDevice);
  return challenge ?? signIn(services, request, user, { newDevice });
}

function failureError(failure: string | null) {
  if (failure === 'tenant_blocked') return tenantSuspended();
  if (failure === 'email_not_verified')
    return apiError(ErrorCode.FORBIDDEN, 'Verify your e-mail address before signing in', {
      reason: 'EMAIL_NOT_VERIFIED',
    });
  return invalidCredentials();
}

/** A completed sign-in (password, and the second factor where one is needed): tokens and a device token. */
export const signIn = async (
  services: AuthServices,
  request: AuthRequest,
  user: AuthenticatedUser,
  options: { newDevice?: boolean } = {},
) => ({
  ...(await startLogin(services, request, user, options)),
  deviceToken: issueDeviceToken(services.settings, user.id),
});

function loginFailure(user: AuthenticatedUser | null, passwordMatches: boolean) {
  if (!user || !passwordMatches) return 'invalid_credentials';
  if (!user.active) return 'inactive_user';
  if (!isTenantAllowed(user.tenant)) return 'tenant_blocked';
  return user.tenant?.requireVerifiedEmail && !user.emailVerified ? 'email_not_verified' : null;
}

/**
 * A new session for an authenticated user, its LOGIN event, and the signed access token; from a
 * device not seen before, the user is told by mail.
 */
export async function startLogin(
  services: AuthServices,
  request: AuthRequest,
  authenticated: AuthenticatedUser,
  { newDevice = false } = {},
) {
  const { session, refreshToken } = await withScope(request.db, request.dataScope, async (tx) => {
    const started = await startSession(tx, request, authenticated, newFamily(services.settings));
    if (newDevice) await queueMail(services, tx, newSignInMail(authenticated, request));
    await tx.user.update({ where: { id: authenticated.id }, data: { lastLoginAt: new Date() } });
    await recordAuthEvent(tx, request, sessionEvent('LOGIN', authenticated, started.session.familyId));
    return started;
  });
  const signed = await services.keys.signAccessToken(
    userIdentity(authenticated, session.familyId),
    services.settings.accessTokenTtlSeconds,
  );
  return { ...signed, refreshToken, user: authenticated };
}

const newSignInMail = (user: AuthenticatedUser, request: AuthRequest) => ({
  to: user.email,
  template: 'new-sign-in' as const,
  tenantId: user.tenantId,
  data: { ip: request.clientIp, userAgent: request.userAgent, at: new Date().toISOString() },
});

/**
 * Rotates a refresh token: the presented one is spent, a successor in the same family is issued.
 * A spent token presented again is reuse (stolen or replayed): the whole family is revoked and a
 * TOKEN_REUSE event recorded. `request` must be the all-tenants (system) request.
 */
export async function refreshTokens(
  services: AuthServices,
  request: AuthRequest,
  presented: string,
): Promise<AuthResult> {
  parseArguments(z.object({ refreshToken: tokenSchema }), { refreshToken: presented });
  const session = await request.db.session.findUnique({
    where: { refreshTokenHash: sha256(presented) },
    include: { user: { include: { tenant: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) throw invalidRefreshToken();
  const { user } = session;
  if (!user.active || !isTenantAllowed(user.tenant)) throw invalidRefreshToken();

  const rotated = await withScope(request.db, request.dataScope, async (tx) => {
    // Conditional: of two concurrent refreshes with the same token only one wins; the other is reuse.
    const claimed = await tx.session.updateMany({
      where: { id: session.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date() },
    });
    if (claimed.count === 0) return null;
    const next = await startSession(tx, request, user, {
      familyId: session.familyId,
      expiresAt: session.expiresAt,
      parentId: session.id,
    });
    await tx.session.update({ where: { id: session.id }, data: { replacedById: next.session.id } });
    await recordAuthEvent(tx, request, sessionEvent('TOKEN_REFRESH', user, session.familyId));
    return next.refreshToken;
  });
  if (rotated === null) {
    await withScope(request.db, request.dataScope, async (tx) => {
      await revokeFamily(tx, session.familyId, 'refresh token reuse');
      await tx.session.update({ where: { id: session.id }, data: { reuseDetectedAt: new Date() } });
      await recordAuthEvent(tx, request, sessionEvent('TOKEN_REUSE', user, session.familyId));
    });
    throw invalidRefreshToken();
  }
  const signed = await services.keys.signAccessToken(
    userIdentity(user, session.familyId),
    services.settings.accessTokenTtlSeconds,
  );
  return { ...signed, refreshToken: rotated, user, deviceToken: null };
}
