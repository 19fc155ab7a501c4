import { auditRow, badInput, findExisting, inputSchema, recordAudit, withScope, parseArguments } from '@codex/kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { recordAuthEvent } from './auth-events.ts';
import type { User } from './db.ts';
import { resetAddressKey, resetEmailKey, takeLoginAttempt } from './login-throttle.ts';
import { queueMail } from './mail-outbox.ts';
import { dummyPasswordWork, hashPassword, verifyPassword } from './passwords.ts';
import { requireUser, type AuthRequest } from './request.ts';
import { randomSecret, sha256 } from './secrets.ts';
import { revokeUserSessions } from './sessions.ts';
import type { AuthServices } from './services.ts';
import type { AuthSettings } from './settings.ts';
import { isTenantAllowed } from './tenant-status.ts';
import type { MutationChangePasswordArgs, MutationResetPasswordArgs } from './generated/graphql.ts';
import { loginNameSchema, passwordSchema, presentedPasswordSchema, tokenSchema } from './validation.ts';

const changePasswordArgs = inputSchema<MutationChangePasswordArgs>()(
  z.object({ currentPassword: presentedPasswordSchema, newPassword: passwordSchema }),
);
const resetPasswordArgs = inputSchema<MutationResetPasswordArgs>()(
  z.object({ token: tokenSchema, newPassword: passwordSchema }),
);

/** The caller changes their password; their other sessions end. */
export async function changePassword(request: AuthRequest, args: MutationChangePasswordArgs): Promise<boolean> {
  const identity = requireUser(request.identity);
  const { newPassword } = parseArguments(changePasswordArgs, args);
  const user = await findExisting(request.db.user, identity.subjectId, 'User');
  if (!(await verifyPassword(user.passwordHash, args.currentPassword)))
    throw badInput('Current password is incorrect', 'currentPassword');
  const passwordHash = await hashPassword(newPassword);
  return withScope(request.db, request.dataScope, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await revokeUserSessions(tx, user.id, 'password changed', identity.sessionId);
    await recordAuthEvent(tx, request, {
      type: 'PASSWORD_CHANGED',
      tenantId: user.tenantId,
      userId: user.id,
      email: user.email,
    });
    await auditRow(tx, request, 'user.password.change', 'User', user);
    return true;
  });
}

export interface PasswordResetRequest {
  accepted: true;
  /** Raw token in demo mode only (settings.exposeResetTokens: SEED_DEMO and not production); else null. */
  developmentToken: string | null;
}

/** Reset requests per client address and per e-mail (known or not), counted before anything is looked up, so being refused tells nothing about the account. */
async function takeResetAttempts(request: AuthRequest, settings: AuthSettings, email: string) {
  const limited = 'Too many password reset requests; try again later';
  const { loginThrottle, passwordResetThrottle: limits } = settings;
  if (request.clientIp)
    await takeLoginAttempt(request.db, loginThrottle, resetAddressKey(request.clientIp), limits.perAddress, limited);
  await takeLoginAttempt(request.db, loginThrottle, resetEmailKey(sha256(email)), limits.perEmail, limited);
}

/**
 * Mails a single-use reset link (1 h) to an active user of an allowed tenant. Answers the same,
 * in body and time, for unknown e-mails: an argon2 hash runs on both paths (beside the writes for
 * a known account), so the time is the hash's either way. Only the token's hash is stored; the
 * token itself is in the answer in demo mode only. `request`: the system request.
 */
/**
 * Every reset request answers after at least this long. The argon2 dummy makes an unknown address
 * cost what a known one's check costs, but a known one also writes its token, mail and events
 * (measured 51 vs 45 ms, `npm run bench:reset-timing -w @codex/subgraph-auth`); both finish well
 * inside the floor, so the answer's time says nothing about the address.
 */
const resetAnswerFloorMs = 250;

export async function requestPasswordReset(
  services: AuthServices,
  request: AuthRequest,
  email: string,
): Promise<PasswordResetRequest> {
  parseArguments(z.object({ email: loginNameSchema }), { email });
  const address = email.trim().toLowerCase();
  await takeResetAttempts(request, services.settings, address);
  const user = await request.db.user.findFirst({ where: { email: address, active: true }, include: { tenant: true } });
  const token = randomSecret();
  const known = user && isTenantAllowed(user.tenant) ? user : null;
  await Promise.all([
    dummyPasswordWork(),
    known ? storeResetToken(services, request, known, token) : null,
    sleep(resetAnswerFloorMs),
  ]);
  return { accepted: true, developmentToken: known && services.settings.exposeResetTokens ? token : null };
}

async function storeResetToken(services: AuthServices, request: AuthRequest, user: User, token: string) {
  await withScope(request.db, request.dataScope, async (tx) => {
    const created = await tx.passwordResetToken.create({
      data: {
        userId: user.id,
        tenantId: user.tenantId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + services.settings.passwordResetTtlMs),
        requestedIp: request.clientIp,
      },
    });
    await queueMail(services, tx, {
      to: user.email,
      template: 'password-reset',
      tenantId: user.tenantId,
      data: { token },
    });
    await recordAuthEvent(tx, request, {
      type: 'PASSWORD_RESET_REQUESTED',
      tenantId: user.tenantId,
      userId: user.id,
      email: user.email,
    });
    await recordAudit(tx, request, {
      tenantId: user.tenantId,
      action: 'user.password.reset_request',
      entityType: 'PasswordResetToken',
      entityId: created.id,
      changes: { userId: user.id },
    });
  });
}

const invalidResetToken = () => badInput('Invalid or expired reset token', 'token');

/** Spends a reset token: new password, every session of the user revoked. `request`: the system request. */
export async function resetPassword(request: AuthRequest, args: MutationResetPasswordArgs): Promise<boolean> {
  const { newPassword } = parseArguments(resetPasswordArgs, args);
  const tokenHash = sha256(args.token);
  const found = await request.db.passwordResetToken.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!found || found.usedAt || found.expiresAt <= new Date()) throw invalidResetToken();
  const passwordHash = await hashPassword(newPassword);
  const spent = await withScope(request.db, request.dataScope, async (tx) => {
    // Conditional, so two concurrent uses of one token cannot both succeed.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: found.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) return false;
    await tx.user.update({ where: { id: found.userId }, data: { passwordHash } });
    await revokeUserSessions(tx, found.userId, 'password reset');
    await recordAuthEvent(tx, request, {
      type: 'PASSWORD_RESET',
      tenantId: found.tenantId,
      userId: found.userId,
      email: found.user.email,
    });
    await recordAudit(tx, request, {
      tenantId: found.tenantId,
      action: 'user.password.reset',
      entityType: 'User',
      entityId: found.userId,
    });
    return true;
  });
  if (!spent) throw invalidResetToken();
  return true;
}
