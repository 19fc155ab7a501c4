import { apiError, ErrorCode } from '@codex/kit';
import { recordAuthEvent } from './auth-events.ts';
import type { User } from './db.ts';
import { decryptSecret } from './key-encryption.ts';
import { clearMfaAttempts as clearMfaKey, mfaKey, takeLoginAttempt } from './login-throttle.ts';
import { looksLikeRecoveryCode, spendRecoveryCode } from './recovery-codes.ts';
import type { AuthRequest, AuthTx } from './request.ts';
import type { AuthServices } from './services.ts';
import { acceptedStep } from './totp.ts';

/**
 * Checking a second factor: a TOTP code (its step is recorded, so it cannot be used again) or an
 * unused recovery code (spent). Every check first takes an attempt of the account's MFA throttle
 * counter (the login throttle's rules and numbers); a wrong code is an MFA_FAILED event.
 */
export type SecondFactor = 'TOTP' | 'RECOVERY_CODE';

export type MfaUser = Pick<User, 'id' | 'tenantId' | 'email' | 'mfaSecretEncrypted' | 'mfaLastUsedStep'>;

export const invalidCode = () => apiError(ErrorCode.UNAUTHENTICATED, 'Invalid or already used code');

export const totpSecretOf = (services: AuthServices, user: Pick<User, 'mfaSecretEncrypted'>) =>
  user.mfaSecretEncrypted ? decryptSecret(services.settings.mfaSecretKey, user.mfaSecretEncrypted) : null;

/** Takes one attempt of the user's MFA counter (RATE_LIMITED while locked out). */
export const takeMfaAttempt = (services: AuthServices, userId: string) =>
  takeLoginAttempt(
    services.system,
    services.settings.loginThrottle,
    mfaKey(userId),
    services.settings.loginThrottle.perAccount,
  );

export const clearMfaAttempts = (services: AuthServices, userId: string) => clearMfaKey(services.system, userId);

/** Records a TOTP step as used, only if it is later than the last one (a concurrent replay loses). */
export async function claimTotpStep(tx: Pick<AuthTx, 'user'>, userId: string, step: number) {
  const claimed = await tx.user.updateMany({
    where: { id: userId, OR: [{ mfaLastUsedStep: null }, { mfaLastUsedStep: { lt: step } }] },
    data: { mfaLastUsedStep: step },
  });
  return claimed.count === 1;
}

/** Spends `code` for an enrolled user inside `tx`: the factor it was, or null when it is not valid (now). */
export async function spendSecondFactor(
  services: AuthServices,
  tx: Pick<AuthTx, 'user' | 'mfaRecoveryCode'>,
  user: MfaUser,
  code: string,
): Promise<SecondFactor | null> {
  const secret = totpSecretOf(services, user);
  const step = secret ? await acceptedStep(secret, code.trim(), user.mfaLastUsedStep) : null;
  if (step !== null) return (await claimTotpStep(tx, user.id, step)) ? 'TOTP' : null;
  if (!looksLikeRecoveryCode(code)) return null;
  return (await spendRecoveryCode(tx, user.id, code)) ? 'RECOVERY_CODE' : null;
}

/** The events of a checked factor: MFA_FAILED for a wrong one, RECOVERY_CODE_USED for a spent recovery code. */
export async function recordFactorOutcome(
  tx: Pick<AuthTx, 'authEvent'>,
  request: AuthRequest,
  user: MfaUser,
  outcome: SecondFactor | null,
  purpose: string,
) {
  if (outcome === 'TOTP') return;
  const type = outcome === null ? 'MFA_FAILED' : 'RECOVERY_CODE_USED';
  await recordAuthEvent(tx, request, {
    type,
    tenantId: user.tenantId,
    userId: user.id,
    email: user.email,
    metadata: { purpose },
  });
}
