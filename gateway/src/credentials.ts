import {
  accessTokenAlgorithm,
  accessTokenAudience,
  accessTokenIssuer,
  apiKeyVerificationPath,
  identityFromAccessToken,
  jwksPath,
} from '@codex/kit/access-token';
import { apiError, ErrorCode, httpStatusOf } from '@codex/kit/errors';
import { gatewayTokenHeader, signGatewayToken } from '@codex/kit/gateway-trust';
import type { Identity } from '@codex/kit/identity';
import type { Logger } from '@codex/kit/logger';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { IncomingHttpHeaders } from 'node:http';
import type { RevocationView } from './revocations.ts';

const rejected = (code: typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN, message: string) =>
  apiError(code, message, { http: { status: httpStatusOf(code) } });

const apiKeyCacheMs = 2000;
const apiKeyCacheLimit = 10_000;
const accessTokenCacheLimit = 10_000;

/**
 * Refuses an identity whose session, user, machine client or tenant the revocation list names: every
 * HTTP request and every live subscription (on connect, per push and per sweep) goes through it.
 */
export function assertNotRevoked(identity: Identity, revocations: RevocationView): Identity {
  if (identity.tenantId && revocations.isTenantBlocked(identity.tenantId)) {
    throw rejected(ErrorCode.FORBIDDEN, 'This tenant is suspended');
  }
  if (identity.sessionId && revocations.isSessionRevoked(identity.sessionId)) {
    throw rejected(ErrorCode.UNAUTHENTICATED, 'Session revoked; log in again');
  }
  if (identity.kind === 'user' && revocations.isUserDeactivated(identity.subjectId)) {
    throw rejected(ErrorCode.UNAUTHENTICATED, 'User deactivated');
  }
  if (identity.kind === 'machine' && revocations.isMachineClientRevoked(identity.subjectId)) {
    throw rejected(ErrorCode.UNAUTHENTICATED, 'Machine client revoked');
  }
  return identity;
}

/**
 * Turns the request's credential (`Authorization: Bearer <accessToken>` or `x-api-key`) into an
 * Identity, or null when there is none. A credential that is present but not good is an error,
 * never a silent downgrade to anonymous.
 */
export function createCredentialResolver(options: {
  authOrigin: string;
  gatewayKey: Uint8Array;
  revocations: RevocationView;
  logger: Logger;
}) {
  const keySet = createRemoteJWKSet(new URL(jwksPath, options.authOrigin), {
    cooldownDuration: 5_000,
    cacheMaxAge: 10 * 60_000,
  });
  const apiKeyCache = new Map<string, { identity: Identity | null; until: number }>();
  // A verified token stays what it says until it expires: its signature is checked once, not per
  // request (revocations are still checked on every request, below).
  const verifiedTokens = new Map<string, { identity: Identity; until: number }>();

  const checkNotRevoked = (identity: Identity) => assertNotRevoked(identity, options.revocations);

  const verifyAccessToken = async (token: string) => {
    const cached = verifiedTokens.get(token);
    if (cached && cached.until > Date.now()) return cached.identity;
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: accessTokenIssuer,
        audience: accessTokenAudience,
        algorithms: [accessTokenAlgorithm],
      });
      const identity = identityFromAccessToken(payload);
      if (verifiedTokens.size >= accessTokenCacheLimit) verifiedTokens.clear();
      if (payload.exp) verifiedTokens.set(token, { identity, until: payload.exp * 1000 });
      return identity;
    } catch {
      throw rejected(ErrorCode.UNAUTHENTICATED, 'Invalid or expired access token');
    }
  };

  const fromAccessToken = async (token: string) => checkNotRevoked(await verifyAccessToken(token));

  const verifyApiKey = async (key: string, requestId: string): Promise<Identity | null> => {
    const cached = apiKeyCache.get(key);
    if (cached && cached.until > Date.now()) return cached.identity;
    const token = await signGatewayToken(options.gatewayKey, { requestId, clientIp: null, identity: null });
    const response = await fetch(new URL(apiKeyVerificationPath, options.authOrigin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [gatewayTokenHeader]: token },
      body: JSON.stringify({ key }),
      signal: AbortSignal.timeout(3000),
    });
    if (response.status !== 200 && response.status !== 404) {
      throw apiError(ErrorCode.SERVICE_UNAVAILABLE, 'API keys cannot be checked right now', { http: { status: 503 } });
    }
    const identity = response.status === 200 ? ((await response.json()) as Identity) : null;
    if (apiKeyCache.size >= apiKeyCacheLimit) apiKeyCache.clear();
    apiKeyCache.set(key, { identity, until: Date.now() + apiKeyCacheMs });
    return identity;
  };

  const fromApiKey = async (key: string, requestId: string) => {
    const identity = await verifyApiKey(key, requestId);
    if (!identity) throw rejected(ErrorCode.UNAUTHENTICATED, 'Invalid, expired or revoked API key');
    return checkNotRevoked(identity);
  };

  return async function identify(headers: IncomingHttpHeaders, requestId: string): Promise<Identity | null> {
    const authorization = headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw rejected(ErrorCode.UNAUTHENTICATED, 'Use Authorization: Bearer <accessToken>');
      return fromAccessToken(token);
    }
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) return fromApiKey(apiKey, requestId);
    return null;
  };
}
