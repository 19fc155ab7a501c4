import { apiError, ErrorCode, parseArguments, recordAudit, withScope } from '@codex/kit';
import { z } from 'zod';
import { queueMail, type MailOutbox } from './mail-outbox.ts';
import { requireUser, type AuthRequest, type AuthTx } from './request.ts';
import { randomSecret, sha256 } from './secrets.ts';
import { tokenSchema } from './validation.ts';

const verificationTtlMs = 48 * 60 * 60 * 1000;

/** The user an address is verified for: their current address, as stored. */
interface Addressee {
  id: string;
  tenantId: string | null;
  email: string;
}

/**
 * A new single-use verification link for the user's current address, mailed in `tx` (sign-up,
 * e-mail change, or on request). Earlier links of the user stop working.
 */
export async function sendEmailVerification(services: { mail: MailOutbox }, tx: AuthTx, user: Addressee) {
  const token = randomSecret();
  await tx.emailVerificationToken.updateMany({
    where: { userId: user.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  await tx.emailVerificationToken.create({
    data: {
      userId: user.id,
      tenantId: user.tenantId,
      email: user.email,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + verificationTtlMs),
    },
  });
  await queueMail(services, tx, {
    to: user.email,
    template: 'email-verification',
    tenantId: user.tenantId,
    data: { token },
  });
}

const invalidVerification = () =>
  apiError(ErrorCode.BAD_USER_INPUT, 'Invalid or expired verification link', {
    field: 'token',
    reason: 'VERIFICATION_INVALID',
  });

/**
 * Spends a verification link: the user's address is verified, if it is still the address the link
 * was sent to. `request`: the system request (the link carries no tenant).
 */
export async function verifyEmail(request: AuthRequest, token: string): Promise<boolean> {
  parseArguments(z.object({ token: tokenSchema }), { token });
  const found = await request.db.emailVerificationToken.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: true },
  });
  if (!found || found.usedAt || found.expiresAt <= new Date() || found.user.email !== found.email)
    throw invalidVerification();
  const verified = await withScope(request.db, request.dataScope, async (tx) => {
    const claimed = await tx.emailVerificationToken.updateMany({
      where: { id: found.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) return false;
    await tx.user.update({ where: { id: found.userId }, data: { emailVerified: true, emailVerifiedAt: new Date() } });
    await recordAudit(tx, request, {
      tenantId: found.tenantId,
      action: 'user.email.verify',
      entityType: 'User',
      entityId: found.userId,
    });
    return true;
  });
  if (!verified) throw invalidVerification();
  return true;
}

/** Mails the caller a new link for their current address; false when it is verified already. */
export async function requestEmailVerification(
  request: AuthRequest & { services: { mail: MailOutbox } },
): Promise<boolean> {
  const identity = requireUser(request.identity);
  return withScope(request.db, request.dataScope, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: identity.subjectId } });
    if (!user || user.emailVerified) return false;
    await sendEmailVerification(request.services, tx, user);
    return true;
  });
}
