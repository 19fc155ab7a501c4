import type { JWTPayload } from 'jose';
import { roles, type Identity, type Role } from './identity.ts';

/**
 * Access tokens: JWTs signed by the Auth service with an asymmetric key (ES256, `kid` in the
 * header) that rotates; the gateway verifies them against Auth's published key set
 * (`GET /.well-known/jwks.json` on the Auth subgraph), with no round trip per request.
 */
export const accessTokenIssuer = 'codex-auth';
export const accessTokenAudience = 'codex-api';
export const accessTokenAlgorithm = 'ES256';
export const jwksPath = '/.well-known/jwks.json';

/** Claims beyond the registered ones (sub = subjectId, exp, iat, jti). */
export interface AccessTokenClaims {
  /** tenant id; null for SUPERADMIN */
  tid: string | null;
  role: Role;
  /** credential kind: user sessions and machine clients get tokens; API keys are sent as such */
  knd: 'user' | 'machine';
  /** session id (users), revocable */
  sid: string | null;
  /** scopes (machine clients) */
  scp: string[];
}

export const accessTokenClaims = (identity: Identity): AccessTokenClaims => ({
  tid: identity.tenantId,
  role: identity.role,
  knd: identity.kind === 'machine' ? 'machine' : 'user',
  sid: identity.sessionId,
  scp: identity.scopes,
});

/** The identity a verified access token proves; throws on claims that do not make one. */
export function identityFromAccessToken(payload: JWTPayload & Partial<AccessTokenClaims>): Identity {
  const { sub, tid, role, knd, sid, scp } = payload;
  if (typeof sub !== 'string' || !roles.includes(role as Role) || (knd !== 'user' && knd !== 'machine')) {
    throw new Error('malformed access token claims');
  }
  if ((tid ?? null) === null && role !== 'SUPERADMIN') throw new Error('tenant claim missing');
  return {
    kind: knd,
    subjectId: sub,
    tenantId: tid ?? null,
    role: role as Role,
    scopes: Array.isArray(scp) ? scp.map(String) : [],
    sessionId: typeof sid === 'string' ? sid : null,
  };
}

/**
 * What the gateway polls from Auth (`GET /internal/revocations`, gateway-signed) to refuse, within
 * seconds, tokens that are still unexpired: sessions and machine clients revoked within the last
 * token lifetime, deactivated users, and tenants that are not allowed in (suspended, archived).
 */
export interface RevocationList {
  revokedSessionIds: string[];
  revokedMachineClientIds: string[];
  deactivatedUserIds: string[];
  blockedTenantIds: string[];
  generatedAt: string;
}
export const revocationsPath = '/internal/revocations';

/** Gateway → Auth (`POST /internal/api-keys/verify`, gateway-signed, body `{ key }`): 200 with an Identity, or 404. */
export const apiKeyVerificationPath = '/internal/api-keys/verify';
