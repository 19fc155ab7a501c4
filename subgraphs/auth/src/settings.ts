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
  loginThrottle: { windowMs: number; perAccount: number; perAddress: number };
  /** AES-256 key for signing keys at rest. */
  keyEncryptionKey: Buffer;
  /** Raw reset tokens may be returned in API answers: demo mode only (SEED_DEMO), never in production. */
  exposeResetTokens: boolean;
}

const minute = 60_000;

export function authSettings(config: SubgraphConfig): AuthSettings {
  return {
    accessTokenTtlSeconds: 15 * 60,
    machineTokenTtlSeconds: 15 * 60,
    refreshFamilyTtlMs: 30 * 24 * 60 * minute,
    signingKeyRotationMs: 24 * 60 * minute,
    signingKeyPrepublishMs: 10_000,
    marginMs: minute,
    passwordResetTtlMs: 60 * minute,
    loginThrottle: { windowMs: 15 * minute, perAccount: 5, perAddress: 20 },
    keyEncryptionKey: Buffer.from(
      hkdfSync(
        'sha256',
        config.keyEncryptionSecret ?? '',
        createHash('sha256').update('codex-auth').digest(),
        'signing-key-encryption',
        32,
      ),
    ),
    exposeResetTokens: config.seedDemo && config.nodeEnv !== 'production',
  };
}

/** The longest an access token lives, plus margin: how long revocations and retired keys must stay published. */
export const tokenHorizonMs = (settings: AuthSettings) =>
  Math.max(settings.accessTokenTtlSeconds, settings.machineTokenTtlSeconds) * 1000 + settings.marginMs;
