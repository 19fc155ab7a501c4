import { createHash, hkdfSync } from 'node:crypto';
import type { SubgraphConfig } from '@codex/kit';

/**
 * Auth's own settings: the policy numbers live here, the secret comes from the validated config
 * (AUTH_KEY_ENCRYPTION_SECRET, required for the auth subgraph).
 */
export interface AuthSettings {
  accessTokenTtlSeconds: number;
  machineTokenTtlSeconds: number;
  refreshFamilyTtlMs: number;
  signingKeyRotationMs: number;
  /** A new key is in the JWKS this long before it signs: more than verifiers' JWKS refetch cooldown (gateway: 5 s). */
  signingKeyPrepublishMs: number;
  /** Clock skew and gateway polling slack added wherever "still valid" is computed. */
  marginMs: number;
  passwordResetTtlMs: number;
  /** Ended sessions (expired or revoked) are kept this long for the record, then pruned. */
  sessionRetentionMs: number;
  loginThrottle: LoginThrottleSettings;
  /** Reset requests per client address and per e-mail address, counted like login attempts. */
  passwordResetThrottle: { perAddress: number; perEmail: number };
  /** AES-256 key for signing keys at rest. */
  keyEncryptionKey: Buffer;
  /** HMAC key of device tokens (derived from the same secret, for another purpose). */
  deviceTokenKey: Buffer;
  /** AES-256 key of webhook endpoints' signing secrets at rest. */
  webhookSecretKey: Buffer;
  /** How long a device token names its device as trusted. */
  deviceTokenTtlMs: number;
  /** TOTP secrets at rest (AES-256-GCM, like signing keys; a key of its own). */
  mfaSecretKey: Buffer;
  /** How long a login's MFA challenge can be completed. */
  mfaChallengeTtlMs: number;
  /** Platform policy (AUTH_MFA_REQUIRED_FOR_SUPERADMINS; default: in production). */
  mfaRequiredForSuperadmins: boolean;
  /** Raw reset tokens may be returned in API answers: demo mode only (SEED_DEMO), never in production. */
  exposeResetTokens: boolean;
}

export interface LoginThrottleSettings {
  /** Attempts are forgotten after this long without one (and without a lockout in force). */
  windowMs: number;
  /** Attempts of one account (per device class) before it is locked out. */
  perAccount: number;
  /** Attempts at unknown accounts from one address before the address is locked out. */
  perAddress: number;
  /** The first lockout; each further failure doubles it, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
}

const minute = 60_000;

/** One key per purpose from AUTH_KEY_ENCRYPTION_SECRET (HKDF), so no key serves two jobs. */
const derivedKey = (config: SubgraphConfig, purpose: string) =>
  Buffer.from(
    hkdfSync(
      'sha256',
      config.keyEncryptionSecret ?? '',
      createHash('sha256').update('codex-auth').digest(),
      purpose,
      32,
    ),
  );

/** Auth's settings, fixed at start from the validated config. */
export function loadAuthSettings(config: SubgraphConfig): AuthSettings {
  return {
    accessTokenTtlSeconds: 15 * 60,
    machineTokenTtlSeconds: 15 * 60,
    refreshFamilyTtlMs: 30 * 24 * 60 * minute,
    signingKeyRotationMs: 24 * 60 * minute,
    signingKeyPrepublishMs: 10_000,
    marginMs: minute,
    passwordResetTtlMs: 60 * minute,
    sessionRetentionMs: 30 * 24 * 60 * minute,
    loginThrottle: {
      windowMs: 15 * minute,
      perAccount: 5,
      perAddress: 20,
      lockoutMs: 15 * minute,
      maxLockoutMs: 24 * 60 * minute,
    },
    passwordResetThrottle: config.passwordResetThrottle,
    keyEncryptionKey: derivedKey(config, 'signing-key-encryption'),
    deviceTokenKey: derivedKey(config, 'login-device-token'),
    webhookSecretKey: derivedKey(config, 'webhook-secret-encryption'),
    deviceTokenTtlMs: 90 * 24 * 60 * minute,
    mfaSecretKey: derivedKey(config, 'mfa-secret-encryption'),
    mfaChallengeTtlMs: 5 * minute,
    mfaRequiredForSuperadmins: config.mfaRequiredForSuperadmins,
    exposeResetTokens: config.seedDemo && config.nodeEnv !== 'production',
  };
}

/** The longest an access token lives, plus margin: how long revocations and retired keys must stay published. */
export const tokenHorizonMs = (settings: AuthSettings) =>
  Math.max(settings.accessTokenTtlSeconds, settings.machineTokenTtlSeconds) * 1000 + settings.marginMs;
