import { apiError, badInput, ErrorCode, notFound, parseArguments, recordAudit, withScope } from '@codex/kit';
import { z } from 'zod';
import { recordAuthEvent } from './auth-events.ts';
import type {
  MutationConfirmMfaEnrollmentArgs,
  MutationRemoveMfaArgs,
  MutationStartMfaEnrollmentArgs,
} from './generated/graphql.ts';
import { encryptSecret } from './key-encryption.ts';
import { type AuthenticatedUser, signIn } from './login.ts';
import { queueMail } from './mail-outbox.ts';
import { findChallenge, type OpenChallenge, spendChallenge } from './mfa-challenges.ts';
import { challengedUser, mfaCodeSchema } from './mfa-sign-in.ts';
import { verifyPassword } from './passwords.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';
import { asSystem, requireUser, type AuthRequest, type AuthTx } from './request.ts';
import {
  clearMfaAttempts,
  recordFactorOutcome,
  spendSecondFactor,
  takeMfaAttempt,
  totpSecretOf,
} from './second-factor.ts';
import type { AuthServices } from './services.ts';
import { acceptedStep, enrollmentOf, newTotpSecret } from './totp.ts';
import { presentedPasswordSchema, tokenSchema } from './validation.ts';

/**
 * TOTP enrolment and its management. The enrolling user is the caller, or, during a login that
 * a policy stopped for enrolment, the user of that login's ENROLL challenge (then confirming also
 * completes the login). The secret is sealed with its own key; it counts only once confirmed.
 */
interface Enrolling {
  request: AuthRequest;
  user: AuthenticatedUser;
  challenge: OpenChallenge | null;
}

const startArgs = z.object({ challenge: tokenSchema.nullish() });
const confirmArgs = z.object({ code: mfaCodeSchema, challenge: tokenSchema.nullish() });
const passwordAndCodeArgs = z.object({ password: presentedPasswordSchema, code: mfaCodeSchema });

const alreadyOn = () => apiError(ErrorCode.CONFLICT, 'Two-factor sign-in is already on; remove it first');
const wrongCode = () => badInput('Invalid or already used code', 'code');

async function enrollingUser(services: AuthServices, request: AuthRequest, token?: string | null): Promise<Enrolling> {
  if (token) {
    const system = asSystem(services.system, request);
    const challenge = await findChallenge(system, token, 'ENROLL');
    return { request: system, user: await challengedUser(system, challenge.userId), challenge };
  }
  const identity = requireUser(request.identity);
  const user = await request.db.user.findFirst({ where: { id: identity.subjectId }, include: { tenant: true } });
  if (!user) throw notFound('User');
  return { request, user, challenge: null };
}

/** A new secret for the user (replacing a pending one); the QR code and URI to add it to an app. */
export async function startMfaEnrollment(
  services: AuthServices,
  caller: AuthRequest,
  args: MutationStartMfaEnrollmentArgs,
) {
  const { challenge } = parseArguments(startArgs, args);
  const { request, user } = await enrollingUser(services, caller, challenge);
  if (user.mfaEnabledAt) throw alreadyOn();
  const secret = newTotpSecret();
  const sealed = encryptSecret(services.settings.mfaSecretKey, secret);
  await withScope(request.db, request.dataScope, (tx) =>
    tx.user.update({ where: { id: user.id }, data: { mfaSecretEncrypted: sealed, mfaLastUsedStep: null } }),
  );
  return enrollmentOf(secret, user.email);
}

/** Turns MFA on with one code of the pending secret: ten recovery codes, and the session when a login waits. */
export async function confirmMfaEnrollment(
  services: AuthServices,
  caller: AuthRequest,
  args: MutationConfirmMfaEnrollmentArgs,
) {
  const { code, challenge: token } = parseArguments(confirmArgs, args);
  const { request, user, challenge } = await enrollingUser(services, caller, token);
  const secret = totpSecretOf(services, user);
  if (user.mfaEnabledAt) throw alreadyOn();
  if (!secret) throw badInput('No enrolment is pending: call startMfaEnrollment first', 'code');
  await takeMfaAttempt(services, user.id);
  const step = await acceptedStep(secret, code.trim(), null);
  const recoveryCodes = await withScope(request.db, request.dataScope, async (tx) => {
    if (step === null) {
      await recordFactorOutcome(tx, request, user, null, 'enrollment');
      return null;
    }
    const enabled = await tx.user.updateMany({
      where: { id: user.id, mfaEnabledAt: null, mfaSecretEncrypted: user.mfaSecretEncrypted },
      data: { mfaEnabledAt: new Date(), mfaLastUsedStep: step },
    });
    if (enabled.count === 0) throw alreadyOn();
    if (challenge) await spendChallenge(tx, challenge);
    await recordMfaChange(services, tx, request, user, 'user.mfa.enroll', 'MFA_ENROLLED');
    return replaceRecoveryCodes(tx, user);
  });
  if (!recoveryCodes) throw wrongCode();
  await clearMfaAttempts(services, user.id);
  const session = challenge ? await signIn(services, request, user, { newDevice: challenge.newDevice }) : null;
  return { recoveryCodes, session };
}

/** The audit row of an MFA change; turning MFA on or off is also an auth event and a mail to the user. */
async function recordMfaChange(
  services: AuthServices,
  tx: AuthTx,
  request: AuthRequest,
  user: AuthenticatedUser,
  action: string,
  event?: 'MFA_ENROLLED' | 'MFA_REMOVED',
) {
  if (event) {
    await recordAuthEvent(tx, request, { type: event, tenantId: user.tenantId, userId: user.id, email: user.email });
    const template = event === 'MFA_ENROLLED' ? 'mfa-enrolled' : 'mfa-removed';
    await queueMail(services, tx, { to: user.email, template, tenantId: user.tenantId, data: {} });
  }
  await recordAudit(tx, request, { tenantId: user.tenantId, action, entityType: 'User', entityId: user.id });
}

/**
 * Runs `action` for the caller only when both their password and a second factor are right, in
 * the transaction that spends the factor; a wrong pair is MFA_FAILED and BAD_USER_INPUT.
 */
async function withPasswordAndCode<T>(
  services: AuthServices,
  request: AuthRequest,
  args: MutationRemoveMfaArgs,
  action: (tx: AuthTx, user: AuthenticatedUser) => Promise<T>,
): Promise<T> {
  const { password, code } = parseArguments(passwordAndCodeArgs, args);
  const { user } = await enrollingUser(services, request);
  if (!user.mfaEnabledAt) throw badInput('Two-factor sign-in is not on', 'code');
  await takeMfaAttempt(services, user.id);
  const passwordMatches = await verifyPassword(user.passwordHash, password);
  const done = await withScope(request.db, request.dataScope, async (tx) => {
    const factor = passwordMatches ? await spendSecondFactor(services, tx, user, code) : null;
    await recordFactorOutcome(tx, request, user, factor, 'management');
    return factor ? { result: await action(tx, user) } : null;
  });
  if (!done) throw badInput('Invalid password or code', 'code');
  await clearMfaAttempts(services, user.id);
  return done.result;
}

/** Turns MFA off: the secret and the recovery codes are deleted. */
export const removeMfa = (services: AuthServices, request: AuthRequest, args: MutationRemoveMfaArgs) =>
  withPasswordAndCode(services, request, args, async (tx, user) => {
    await tx.user.update({
      where: { id: user.id },
      data: { mfaSecretEncrypted: null, mfaEnabledAt: null, mfaLastUsedStep: null },
    });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
    await recordMfaChange(services, tx, request, user, 'user.mfa.remove', 'MFA_REMOVED');
    return true;
  });

/** Ten new recovery codes; the old ones stop working. */
export const regenerateRecoveryCodes = (services: AuthServices, request: AuthRequest, args: MutationRemoveMfaArgs) =>
  withPasswordAndCode(services, request, args, async (tx, user) => {
    await recordMfaChange(services, tx, request, user, 'user.mfa.recovery_codes');
    return replaceRecoveryCodes(tx, user);
  });
