import { randomUUID } from 'node:crypto';
import { apiError, ErrorCode, notFound, recordAudit, withScope } from '@codex/kit';
import { recordAuthEvent } from './auth-events.ts';
import type { AuthDatabase } from './db.ts';
import { randomSecret, sha256 } from './secrets.ts';
import { existingId, requireUser, type AuthRequest, type AuthTx } from './request.ts';
import type { AuthSettings } from './settings.ts';

/**
 * A session is a family of refresh tokens (one `sessions` row each, same `familyId`). Its id, as
 * the API and the access token's `sid` claim show it, is the family id: stable across refreshes.
 */
export interface SessionView {
  id: string;
  userId: string;
  current: boolean;
  lastRefreshedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

type Writer = Pick<AuthDatabase, 'session'> | Pick<AuthTx, 'session'>;

/** A new login's family: fresh id, the family lifetime from now. */
export const newFamily = (settings: AuthSettings) => ({
  familyId: randomUUID(),
  expiresAt: new Date(Date.now() + settings.refreshFamilyTtlMs),
});

/** Adds a refresh token to a family (a login's first, or a refresh's successor) and returns it raw, once. */
export async function startSession(
  tx: Writer,
  request: Pick<AuthRequest, 'clientIp' | 'userAgent'>,
  user: { id: string; tenantId: string | null },
  family: { familyId: string; expiresAt: Date; parentId?: string },
) {
  const refreshToken = randomSecret();
  const session = await tx.session.create({
    data: {
      ...family,
      userId: user.id,
      tenantId: user.tenantId,
      refreshTokenHash: sha256(refreshToken),
      ip: request.clientIp,
      userAgent: request.userAgent,
    },
  });
  return { session, refreshToken };
}

/** Revokes every still-valid token of the family; the gateway refuses its access tokens within seconds. */
export const revokeFamily = (tx: Writer, familyId: string, reason: string) =>
  tx.session.updateMany({
    where: { familyId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });

/** Revokes every session of a user (password reset, deactivation, role change), optionally sparing one. */
export const revokeUserSessions = (tx: Writer, userId: string, reason: string, except?: string | null) =>
  tx.session.updateMany({
    where: { userId, revokedAt: null, ...(except ? { familyId: { not: except } } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason },
  });

/** Ends the caller's current session. */
export async function logout(request: AuthRequest): Promise<boolean> {
  const identity = requireUser(request.identity);
  if (!identity.sessionId) return false;
  const familyId = identity.sessionId;
  return withScope(request.db, request.dataScope, async (tx) => {
    const revoked = await tx.session.updateMany({
      where: { familyId, userId: identity.subjectId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: 'logout' },
    });
    await recordAuthEvent(tx, request, {
      type: 'LOGOUT',
      tenantId: identity.tenantId,
      userId: identity.subjectId,
      metadata: { sessionId: familyId },
    });
    return revoked.count > 0;
  });
}

/** Whose sessions the caller may manage: their own; a tenant's users for its ADMIN; anyone for SUPERADMIN. */
async function assertMayManage(request: AuthRequest, userId: string, entity: string) {
  const identity = request.identity;
  if (identity?.kind === 'user' && identity.subjectId === userId) return;
  const manager = identity?.role === 'ADMIN' || identity?.role === 'SUPERADMIN';
  const user = manager ? await request.db.user.findFirst({ where: { id: userId }, select: { id: true } }) : null;
  if (!user) throw notFound(entity);
}

/** Live sessions (one per family) of the caller or of `userId`. */
export async function listSessions(request: AuthRequest, userId: string | null | undefined): Promise<SessionView[]> {
  const target = userId ? existingId(userId, 'User') : requireUser(request.identity).subjectId;
  await assertMayManage(request, target, 'User');
  const rows = await request.db.session.findMany({
    where: { userId: target, rotatedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map((row) => ({
    id: row.familyId,
    userId: row.userId,
    current: row.familyId === request.identity?.sessionId,
    lastRefreshedAt: row.createdAt,
    expiresAt: row.expiresAt,
    ip: row.ip,
    userAgent: row.userAgent,
  }));
}

/** Revokes one session by its (family) id. */
export async function revokeSession(request: AuthRequest, id: string): Promise<boolean> {
  const familyId = existingId(id, 'Session');
  const session = await request.db.session.findFirst({ where: { familyId }, select: { userId: true, tenantId: true } });
  if (!session) throw notFound('Session');
  await assertMayManage(request, session.userId, 'Session');
  return withScope(request.db, request.dataScope, async (tx) => {
    await revokeFamily(tx, familyId, 'revoked');
    await recordAuthEvent(tx, request, {
      type: 'SESSION_REVOKED',
      tenantId: session.tenantId,
      userId: session.userId,
      metadata: { sessionId: familyId },
    });
    await recordAudit(tx, request, {
      tenantId: session.tenantId,
      action: 'session.revoke',
      entityType: 'Session',
      entityId: familyId,
      changes: { userId: session.userId },
    });
    return true;
  });
}

export const invalidRefreshToken = () => apiError(ErrorCode.UNAUTHENTICATED, 'Invalid or expired refresh token');
