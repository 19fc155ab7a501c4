import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@codex/kit/context';
import { signGatewayToken } from '@codex/kit/gateway-trust';

/** Well inside the token's 60 s lifetime: a long request's later fetches get a fresh one. */
const reuseForMs = 30_000;

const signFor = (key: Uint8Array, context: Partial<RequestContext>, requestId: string) =>
  signGatewayToken(key, {
    requestId,
    clientIp: context.clientIp ?? null,
    userAgent: context.userAgent ?? null,
    identity: context.identity ?? null,
  });

/**
 * The gateway's signature for a request's subgraph fetches. The token names the request (its id,
 * caller and identity), not the fetch, so every fetch of one request carries the same token:
 * signed once per request (kept with the request's context object), not once per fetch. Schema and
 * health fetches have no request: each gets its own token and id.
 */
export function createRequestSigner(key: Uint8Array) {
  const signed = new WeakMap<object, { token: Promise<string>; until: number }>();
  return (context: Partial<RequestContext>): { requestId: string; token: Promise<string> } => {
    if (context.requestId === undefined) {
      const requestId = randomUUID();
      return { requestId, token: signFor(key, context, requestId) };
    }
    const cached = signed.get(context);
    if (cached && cached.until > Date.now()) return { requestId: context.requestId, token: cached.token };
    const token = signFor(key, context, context.requestId);
    signed.set(context, { token, until: Date.now() + reuseForMs });
    return { requestId: context.requestId, token };
  };
}
export type RequestSigner = ReturnType<typeof createRequestSigner>;
