import { apiError, ErrorCode } from '@codex/kit/errors';
import type { Identity } from '@codex/kit/identity';
import { decodeJwt } from 'jose';
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './registry.ts';

export type Identify = (headers: IncomingHttpHeaders, requestId: string) => Promise<Identity | null>;

const bearerToken = (authorization: string | undefined) => authorization?.match(/^bearer\s+(\S+)$/i)?.[1];

/** When an access token stops being good; API keys have no expiry here (the revocation list ends them). */
function expiryOf(headers: IncomingHttpHeaders): number | null {
  const token = bearerToken(headers.authorization);
  if (!token) return null;
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? exp * 1000 : null;
}

/**
 * The caller of a live connection, from the same credential headers HTTP takes and through the same
 * checks (token verification, API key lookup, revocations, tenant status). Live fields all need a
 * caller: an anonymous connection is refused.
 */
export async function authenticateCaller(
  identify: Identify,
  headers: IncomingHttpHeaders,
  requestId: string,
): Promise<Caller> {
  const identity = await identify(headers, requestId);
  if (!identity)
    throw apiError(ErrorCode.UNAUTHENTICATED, 'Subscriptions need Authorization: Bearer <accessToken> or x-api-key');
  return { identity, expiresAt: expiryOf(headers) };
}

/** graphql-ws connection params as the headers `identify` reads (`authorization`, `x-api-key`; any case). */
export function headersOfParams(params: Readonly<Record<string, unknown>> | undefined): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    const name = key.toLowerCase();
    if ((name === 'authorization' || name === 'x-api-key') && typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** Refuses a caller whose access token has expired since it connected (the SDK reconnects with a fresh one). */
export function assertNotExpired(caller: Caller, now = Date.now()): void {
  if (caller.expiresAt !== null && now >= caller.expiresAt) {
    throw apiError(ErrorCode.UNAUTHENTICATED, 'Access token expired; reconnect with a fresh one');
  }
}
