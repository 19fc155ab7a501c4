import { jwtVerify, SignJWT } from 'jose';
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

export async function signGatewayToken(key: Uint8Array, request: ForwardedRequest): Promise<string> {
  return new SignJWT({
    rid: request.requestId,
    ip: request.clientIp,
    ua: request.userAgent?.slice(0, 256) ?? null,
    idn: request.identity,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`)
    .sign(key);
}

/** Throws when the token is missing, tampered with, expired or not the gateway's. */
export async function verifyGatewayToken(key: Uint8Array, token: string): Promise<ForwardedRequest> {
  const { payload } = await jwtVerify(token, key, { issuer, audience, algorithms: ['HS256'] });
  return {
    requestId: String(payload.rid),
    clientIp: typeof payload.ip === 'string' ? payload.ip : null,
    userAgent: typeof payload.ua === 'string' ? payload.ua : null,
    identity: (payload.idn as Identity | null) ?? null,
  };
}
