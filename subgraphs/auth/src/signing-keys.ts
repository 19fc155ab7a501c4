import { randomUUID } from 'node:crypto';
import {
  accessTokenAlgorithm,
  accessTokenAudience,
  accessTokenClaims,
  accessTokenIssuer,
  allTenants,
  withScope,
  type Identity,
} from '@codex/kit';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { AuthDatabase, SigningKey } from './db.ts';
import { decryptSecret, encryptSecret } from './key-encryption.ts';
import { tokenHorizonMs, type AuthSettings } from './settings.ts';

/** Serialises key rotation across Auth instances (pg_advisory_xact_lock). */
const rotationLock = 0x63647831;

export interface SignedToken {
  accessToken: string;
  expiresAt: Date;
}

/**
 * The ES256 keys that sign access tokens. The newest activated, unretired key signs. When it nears
 * the rotation period, the next signature (or JWKS request) adds a successor that is published at
 * once and signs a little later (`retiresAt` of the old key = `activatesAt` of the new one).
 * Retired keys stay in the JWKS until every token they signed has expired. `db` must see every
 * row (the table has no tenant; pass the all-tenants client).
 */
export function createSigningKeys(db: AuthDatabase, settings: AuthSettings) {
  // Decrypted private keys by kid: a kid's key never changes, so this cache cannot go stale.
  const privateKeys = new Map<string, ReturnType<typeof importJWK>>();

  /** Keys that sign now or will: the newest with `retiresAt` null is the latest, possibly not active yet. */
  const liveKeys = (client: Pick<AuthDatabase, 'signingKey'>) =>
    client.signingKey.findMany({
      where: { OR: [{ retiresAt: null }, { retiresAt: { gt: new Date() } }] },
      orderBy: [{ activatesAt: 'desc' }, { kid: 'desc' }],
    });
  const latestOf = (keys: SigningKey[]) => keys.find((key) => key.retiresAt === null) ?? null;
  const signingOf = (keys: SigningKey[]) => keys.find((key) => key.activatesAt.getTime() <= Date.now()) ?? null;
  const rotationDue = (latest: SigningKey | null) =>
    latest === null ||
    Date.now() - latest.createdAt.getTime() >= settings.signingKeyRotationMs - settings.signingKeyPrepublishMs;

  /**
   * Adds the next key under a lock (another instance may have just done it). It is published
   * `signingKeyPrepublishMs` before it signs, so verifiers whose cached JWKS lacks it may refetch
   * (their refetch cooldown has passed) when they first meet it. `replacing`: a key this instance
   * cannot use; its successor signs at once.
   */
  async function addNextKey(replacing?: string): Promise<void> {
    await withScope(db, allTenants, async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::bigint)', rotationLock);
      const keys = await liveKeys(tx);
      if (replacing ? signingOf(keys)?.kid !== replacing : !rotationDue(latestOf(keys))) return;
      const now = Date.now();
      const activatesAt = new Date(replacing || keys.length === 0 ? now : now + settings.signingKeyPrepublishMs);
      const { publicKey, privateKey } = await generateKeyPair(accessTokenAlgorithm, { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      await tx.signingKey.updateMany({
        where: { OR: [{ retiresAt: null }, { retiresAt: { gt: activatesAt } }] },
        data: { retiresAt: activatesAt },
      });
      await tx.signingKey.create({
        data: {
          kid: await calculateJwkThumbprint(publicJwk),
          publicJwk: {
            kty: publicJwk.kty ?? 'EC',
            crv: publicJwk.crv ?? 'P-256',
            x: publicJwk.x ?? '',
            y: publicJwk.y ?? '',
          },
          privateKeyEncrypted: encryptSecret(settings.keyEncryptionKey, JSON.stringify(await exportJWK(privateKey))),
          createdAt: new Date(now),
          activatesAt,
        },
      });
    });
  }

  /** The key that signs now, after scheduling its successor when rotation is due. */
  async function activeKey(): Promise<SigningKey> {
    let keys = await liveKeys(db);
    if (rotationDue(latestOf(keys)) || !signingOf(keys)) {
      await addNextKey();
      keys = await liveKeys(db);
    }
    const key = signingOf(keys);
    if (!key) throw new Error('no signing key is active');
    return key;
  }

  /** The key's private half, or null when it was sealed under another secret (e.g. a restart with a new one). */
  function privateKeyOf(key: SigningKey): ReturnType<typeof importJWK> | null {
    let imported = privateKeys.get(key.kid);
    if (!imported) {
      let jwk: JWK;
      try {
        jwk = JSON.parse(decryptSecret(settings.keyEncryptionKey, key.privateKeyEncrypted)) as JWK;
      } catch {
        return null;
      }
      imported = importJWK(jwk, accessTokenAlgorithm);
      privateKeys.set(key.kid, imported);
    }
    return imported;
  }

  /** The active key ready to sign; one this instance cannot decrypt is retired (its tokens still verify) and replaced. */
  async function signingKey() {
    let usable = await activeKey();
    if (!privateKeyOf(usable)) {
      await addNextKey(usable.kid);
      usable = await activeKey();
    }
    const privateKey = privateKeyOf(usable);
    if (!privateKey)
      throw new Error(`signing key ${usable.kid} cannot be decrypted with this instance's key-encryption secret`);
    return { kid: usable.kid, privateKey: await privateKey };
  }

  /** An access token for `identity` (claims per @codex/kit access-token.ts). */
  async function signAccessToken(identity: Identity, ttlSeconds: number): Promise<SignedToken> {
    const key = await signingKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const accessToken = await new SignJWT({ ...accessTokenClaims(identity) })
      .setProtectedHeader({ alg: accessTokenAlgorithm, kid: key.kid, typ: 'JWT' })
      .setIssuer(accessTokenIssuer)
      .setAudience(accessTokenAudience)
      .setSubject(identity.subjectId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The public keys a verifier needs: the active key and those retired within the token horizon. */
  async function jwks(): Promise<{ keys: JWK[] }> {
    await activeKey();
    const rows = await db.signingKey.findMany({
      where: { OR: [{ retiresAt: null }, { retiresAt: { gt: new Date(Date.now() - tokenHorizonMs(settings)) } }] },
      orderBy: [{ createdAt: 'desc' }, { kid: 'desc' }],
    });
    return {
      keys: rows.map((row) => ({ ...(row.publicJwk as JWK), kid: row.kid, alg: accessTokenAlgorithm, use: 'sig' })),
    };
  }

  return { signAccessToken, jwks, activeKey };
}
export type SigningKeys = ReturnType<typeof createSigningKeys>;
