import { apiError, ErrorCode } from '@codex/kit';
import type { MfaChallengePurpose, Tenant, User } from './db.ts';
import type { MfaMethod } from './generated/graphql.ts';
import type { AuthRequest, AuthTx } from './request.ts';
import { randomSecret, sha256 } from './secrets.ts';
import type { AuthServices } from './services.ts';
import type { AuthSettings } from './settings.ts';

/**
 * The second step of a login. Its token is random and stored hashed; it is bound to the client
 * that logged in (a hash of its address and user agent, as the gateway forwards them), so a token
 * that leaks to another client is refused; it is spent by the step that completes the login.
 */
export interface OpenChallenge {
  id: string;
  userId: string;
  tenantId: string | null;
  purpose: MfaChallengePurpose;
  /** Completing the login sends the new-device mail. */
  newDevice: boolean;
}

export interface MfaChallengeView {
  token: string;
  expiresAt: Date;
  methods: MfaMethod[];
}

export const invalidChallenge = () => apiError(ErrorCode.UNAUTHENTICATED, 'Invalid or expired MFA challenge');

const bindingOf = (request: Pick<AuthRequest, 'clientIp' | 'userAgent'>) =>
  sha256(JSON.stringify([request.clientIp ?? '', request.userAgent ?? '']));

/** Opens a challenge for a user whose password was just accepted; the raw token is returned once. */
export async function openChallenge(
  request: AuthRequest,
  settings: Pick<AuthSettings, 'mfaChallengeTtlMs'>,
  user: { id: string; tenantId: string | null },
  purpose: MfaChallengePurpose,
  newDevice: boolean,
) {
  const token = randomSecret();
  const expiresAt = new Date(Date.now() + settings.mfaChallengeTtlMs);
  await request.db.mfaChallenge.create({
    data: {
      userId: user.id,
      tenantId: user.tenantId,
      tokenHash: sha256(token),
      purpose,
      newDevice,
      bindingHash: bindingOf(request),
      expiresAt,
    },
  });
  const methods: MfaMethod[] = purpose === 'ENROLL' ? ['TOTP_ENROLLMENT'] : ['TOTP', 'RECOVERY_CODE'];
  return { token, expiresAt, methods };
}

/**
 * What a password-checked user still needs: a code (MFA on), enrolment (off, but required for an
 * ADMIN by the tenant's policy or for a SUPERADMIN by the platform's), or nothing.
 */
export function secondStepOf(
  settings: AuthSettings,
  user: User & { tenant: Tenant | null },
): MfaChallengePurpose | null {
  if (user.mfaEnabledAt) return 'VERIFY';
  const required =
    user.role === 'SUPERADMIN'
      ? settings.mfaRequiredForSuperadmins
      : user.role === 'ADMIN' && (user.tenant?.mfaRequiredForAdmins ?? false);
  return required ? 'ENROLL' : null;
}

/** The login's answer when a second step is needed (no tokens), else null. */
export async function challengeIfRequired(
  services: AuthServices,
  request: AuthRequest,
  user: User & { tenant: Tenant | null },
  newDevice: boolean,
) {
  const purpose = secondStepOf(services.settings, user);
  if (!purpose) return null;
  const mfaChallenge = await openChallenge(request, services.settings, user, purpose, newDevice);
  return {
    accessToken: null,
    refreshToken: null,
    expiresAt: null,
    user: null,
    deviceToken: null,
    mfaChallenge,
  } as const;
}

/** The open challenge of `token` for this client and purpose; anything else is the same "invalid" error. */
export async function findChallenge(request: AuthRequest, token: string, purpose: MfaChallengePurpose) {
  const found = await request.db.mfaChallenge.findUnique({ where: { tokenHash: sha256(token) } });
  const open = found && !found.usedAt && found.expiresAt > new Date() && found.purpose === purpose;
  if (!open || found.bindingHash !== bindingOf(request)) throw invalidChallenge();
  return found satisfies OpenChallenge;
}

/** Spends the challenge inside the transaction that completes the login; a second use (even concurrent) fails. */
export async function spendChallenge(tx: Pick<AuthTx, 'mfaChallenge'>, challenge: OpenChallenge) {
  const claimed = await tx.mfaChallenge.updateMany({
    where: { id: challenge.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count === 0) throw invalidChallenge();
}
