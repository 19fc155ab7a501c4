import { createHmac } from 'node:crypto';
import { createVerifier } from 'fast-jwt';
import type { Identity } from './identity.ts';

/**
 * Gateway → subgraph trust. The gateway signs, per subgraph request, a short-lived token carrying
 * the request id, the caller's address and the identity it established; a subgraph serves GraphQL
 * (including `_service` and `_entities`) only to requests bearing a valid one.
 */
export const gatewayTokenHeader = 'x-codex-gateway';

const issuer = 'codex-gateway';
const audience = 'codex-subgraph';
const lifetimeSeconds = 60;

export interface ForwardedRequest {
  requestId: string;
  clientIp: string | null;
  /** The caller's User-Agent, cut to 256 characters (recorded with sessions and auth events). */
  userAgent?: string | null;
  identity: Identity | null;
}

export const gatewayKey = (secret: string) => new TextEncoder().encode(secret);

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const protectedHeader = base64url(JSON.stringify({ alg: 'HS256' }));

/**
 * An HS256 JWS in compact form, the token jose's SignJWT makes, with node:crypto's synchronous
 * HMAC: the gateway signs on every request, and a WebCrypto job per signature cost it more than
 * the HMAC itself. Subgraphs verify it synchronously too (`verifyGatewayToken`).
 */
export async function signGatewayToken(key: Uint8Array, request: ForwardedRequest): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = {
    rid: request.requestId,
    ip: request.clientIp,
    ua: request.userAgent?.slice(0, 256) ?? null,
    idn: request.identity,
    iss: issuer,
    aud: audience,
    iat: issuedAt,
    exp: issuedAt + lifetimeSeconds,
  };
  const signingInput = `${protectedHeader}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
}

type GatewayClaims = { rid?: unknown; ip?: unknown; ua?: unknown; idn?: unknown };
type Verify = (token: string) => GatewayClaims;

/**
 * One synchronous verifier per key (fast-jwt: HS256 only, issuer, audience, expiry; no clock
 * tolerance). Synchronous because every subgraph request pays for it: jose's WebCrypto
 * verification was a promise job and ~13 % of a subgraph's busy CPU under load.
 */
const verifiers = new WeakMap<Uint8Array, Verify>();
function verifierFor(key: Uint8Array): Verify {
  const known = verifiers.get(key);
  if (known) return known;
  const verify = createVerifier({
    key: Buffer.from(key),
    algorithms: ['HS256'],
    allowedIss: issuer,
    allowedAud: audience,
    requiredClaims: ['exp', 'iss', 'aud'],
  }) as Verify;
  verifiers.set(key, verify);
  return verify;
}

/** Throws when the token is missing, tampered with, expired or not the gateway's. */
export function verifyGatewayToken(key: Uint8Array, token: string): ForwardedRequest {
  const payload = verifierFor(key)(token);
  return {
    requestId: String(payload.rid),
    clientIp: typeof payload.ip === 'string' ? payload.ip : null,
    userAgent: typeof payload.ua === 'string' ? payload.ua : null,
    identity: (payload.idn as Identity | null) ?? null,
  };
}
