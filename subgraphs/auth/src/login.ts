import { apiError, ErrorCode, withScope, type Identity } from '@codex/kit';
import { recordAuthEvent } from './auth-events.ts';
import type { Tenant, User } from './db.ts';
import { assertLoginAllowed } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { invalidRefreshToken, newFamily, revokeFamily, startSession } from './sessions.ts';
import { sha256 } from './secrets.ts';
import type { AuthServices } from './services.ts';
import type { AuthRequest } from './request.ts';
import { isTenantAllowed, tenantSuspended } from './tenant-status.ts';

/** The user a login or refresh authenticated, with their tenant (AuthPayload.user). */
export type AuthenticatedUser = User & { tenant: Tenant | null };

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: AuthenticatedUser;
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

/**
 * Email (or a SUPERADMIN's username) and password → tokens. Unknown email, wrong password and
 * inactive user give the same error after the same argon2 work; failures are LOGIN_FAILED events,
 * which the throttle counts. `request` must be the all-tenants (system) request.
 */
export async function login(
  services: AuthServices,
  request: AuthRequest,
  args: { email: string; password: string },
): Promise<AuthResult> {
  const loginName = args.email.trim().toLowerCase();
  const user = await request.db.user.findFirst({
    where: { OR: [{ email: loginName }, { username: args.email.trim(), role: 'SUPERADMIN' }] },
    include: { tenant: true },
  });
  const account = user?.email ?? loginName;
  await assertLoginAllowed(request.db, services.settings, account, request.clientIp);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, args.password);

  const failure =
    !user || !passwordMatches
      ? 'invalid_credentials'
      : !user.active
        ? 'inactive_user'
        : !isTenantAllowed(user.tenant)
          ? 'tenant_blocked'
          : null;
  if (failure || !user) {
    await recordAuthEvent(request.db, request, {
      type: 'LOGIN_FAILED',
      tenantId: user?.tenantId ?? null,
      userId: user?.id ?? null,
      email: account,
      metadata: { reason: failure },
    });
    throw failure === 'tenant_blocked' ? tenantSuspended() : invalidCredentials();
  }
  const authenticated: AuthenticatedUser = user;
  const { session, refreshToken } = await withScope(request.db, request.dataScope, async (tx) => {
    const started = await startSession(tx, request, authenticated, newFamily(services.settings));
    await tx.user.update({ where: { id: authenticated.id }, data: { lastLoginAt: new Date() } });
    await recordAuthEvent(tx, request, {
      type: 'LOGIN',
      tenantId: authenticated.tenantId,
      userId: authenticated.id,
      email: account,
      metadata: { sessionId: started.session.familyId },
    });
    return started;
  });
  const signed = await services.keys.signAccessToken(
    userIdentity(authenticated, session.familyId),
    services.settings.accessTokenTtlSeconds,
  );
  return { ...signed, refreshToken, user: authenticated };
}

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
    await recordAuthEvent(tx, request, {
      type: 'TOKEN_REFRESH',
      tenantId: user.tenantId,
      userId: user.id,
      email: user.email,
      metadata: { sessionId: session.familyId },
    });
    return next.refreshToken;
  });
  if (rotated === null) {
    await withScope(request.db, request.dataScope, async (tx) => {
      await revokeFamily(tx, session.familyId, 'refresh token reuse');
      await tx.session.update({ where: { id: session.id }, data: { reuseDetectedAt: new Date() } });
      await recordAuthEvent(tx, request, {
        type: 'TOKEN_REUSE',
        tenantId: user.tenantId,
        userId: user.id,
        email: user.email,
        metadata: { sessionId: session.familyId },
      });
    });
    throw invalidRefreshToken();
  }
  const signed = await services.keys.signAccessToken(
    userIdentity(user, session.familyId),
    services.settings.accessTokenTtlSeconds,
  );
  return { ...signed, refreshToken: rotated, user };
}
