import { randomUUID } from 'node:crypto';
import { httpStatusOf, type ErrorCode } from '@codex/kit/errors';
import { bodyParserErrors } from '@codex/kit/json-body';
import express, { type Request, type Response, type Router } from 'express';
import type { GraphQLError } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { authenticateCaller, type Identify } from './caller.ts';
import { connectionState } from './connection.ts';
import { liveError } from './errors.ts';
import { type LiveContext, type LivePayload, prepareSubscription } from './prepare.ts';
import type { LiveTransportOptions } from './transport.ts';

/** A refusal as graphql-sse answers it: a JSON body with the errors and the code's HTTP status. */
const refusal = (errors: readonly GraphQLError[]) => {
  const status = httpStatusOf(String(errors[0]?.extensions.code ?? 'BAD_USER_INPUT') as ErrorCode) ?? 400;
  return [
    JSON.stringify({ errors: errors.map((error) => error.toJSON()) }),
    {
      status,
      statusText: status === 401 ? 'Unauthorized' : 'Refused',
      headers: { 'content-type': 'application/json' },
    },
  ] as const;
};

/**
 * graphql-sse at `path`, distinct connections mode (one event stream per subscription, credentials in
 * the request headers, as over HTTP): connection rate per address, body size bounded, each refusal an
 * HTTP status with `{ errors }` carrying the stable code.
 */
export function sseRouter(options: LiveTransportOptions & { path: string; identify: Identify }): Router {
  const handler = createHandler<LiveContext>({
    authenticate: () => null,
    onSubscribe: async (req, params) => {
      let caller: LiveContext['caller'];
      try {
        caller = await authenticateCaller(options.identify, req.raw.headers, randomUUID());
      } catch (error) {
        return refusal([liveError(error)]);
      }
      const prepared = prepareSubscription({
        schema: options.schema(),
        rules: options.rules,
        caller,
        connection: connectionState(null),
        payload: params as LivePayload,
      });
      return Array.isArray(prepared)
        ? refusal(prepared)
        : (prepared as typeof prepared & { contextValue: LiveContext });
    },
    subscribe: options.subscribe,
  });
  const router = express.Router();
  router.use(options.path, async (req, res, next) => {
    const refused = await options.admitConnection(req.socket.remoteAddress ?? null);
    if (!refused) return next();
    res.status(429).set('retry-after', String(refused.extensions.retryAfterSeconds ?? 60));
    res.json({ errors: [refused.toJSON()] });
  });
  const maxBytes = options.limits.maxPayloadBytes;
  router.use(
    options.path,
    express.json({ limit: maxBytes }),
    bodyParserErrors({ maxBytes, maxDepth: 64 }),
    async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch {
        if (!res.headersSent) res.status(500).json({ errors: [liveError(null).toJSON()] });
        else res.end();
      }
    },
  );
  return router;
}
