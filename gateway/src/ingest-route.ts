import { isIP } from 'node:net';
import { bundleSnippet } from '@codex/analytics-browser/bundle';
import { assignRequestId, requestIdOf } from '@codex/kit/context';
import { apiError, ErrorCode, httpStatusOf } from '@codex/kit/errors';
import { gatewayTokenHeader, signGatewayToken } from '@codex/kit/gateway-trust';
import type { Identity } from '@codex/kit/identity';
import { jsonBody, type JsonBodyLimits } from '@codex/kit/json-body';
import type { Logger } from '@codex/kit/logger';
import { type Request, type Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { createIngestionOrigins } from './ingest-origins.ts';

export interface IngestRouteOptions {
  analyticsUrl: string;
  gatewayKey: Uint8Array;
  identify: (headers: IncomingHttpHeaders, requestId: string) => Promise<Identity | null>;
  spendRateLimit: (identity: Identity | null, clientIp: string | null) => Promise<void>;
  limits: JsonBodyLimits;
  /** A header the trusted proxy in front sets to the client's address (INGEST_CLIENT_IP_HEADER); else the socket's. */
  clientIpHeader: string | null;
  logger: Logger;
}

/** `backfill: true` in the body takes the backfill mutation (older than 30 days allowed; not for ingestion keys). */
const mutationOf = (backfill: boolean) => {
  const field = backfill ? 'backfillEvents' : 'ingestEvents';
  return `mutation Ingest($events: [EventInput!]!) { result: ${field}(events: $events) { accepted duplicates } }`;
};

/**
 * `POST /ingest`: a JSON batch `{ events, backfill? }` (as `application/json`, or `text/plain` from
 * `navigator.sendBeacon`), authenticated by `?key=<ingestion key>` (or `x-api-key`, or a bearer
 * token), checked against the tenant's allowed origins when a browser sends it, and passed to
 * Analytics' `ingestEvents`: the same validation, limits and idempotency, all or nothing.
 * `OPTIONS /ingest` answers the CORS preflight; `GET /ingest/snippet.js` serves the browser snippet.
 */
export function ingestRouter(options: IngestRouteOptions): Router {
  const allows = createIngestionOrigins(options);
  const router = Router();
  router.get('/ingest/snippet.js', serveSnippet());
  router.options('/ingest', assignRequestId, preflight(options, allows));
  router.post('/ingest', assignRequestId, sendAsJson, ...jsonBody(options.limits), ingestBatch(options, allows));
  return router;
}

type OriginCheck = ReturnType<typeof createIngestionOrigins>;

/** The snippet, minified once at its first request. */
function serveSnippet() {
  let snippet: Promise<string> | undefined;
  return async (_req: Request, res: Response) => {
    snippet ??= bundleSnippet();
    res
      .set({
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300',
        // A module script from another origin loads only with CORS; the file is public.
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
      })
      .send(await snippet);
  };
}

/** 204 with CORS headers for an origin the key's tenant allows; 403 without them for anything else. */
function preflight(options: IngestRouteOptions, allows: OriginCheck) {
  return async (req: Request, res: Response) => {
    const origin = req.header('origin');
    const requestId = requestIdOf(res);
    const identity = origin ? await ingestor(options, req, requestId).catch(() => null) : null;
    if (!origin || !identity || !(await allows(identity, origin, requestId).catch(() => false)))
      return void res.status(403).end();
    allowOrigin(res, origin)
      .set({
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, x-api-key',
        'access-control-max-age': '600',
      })
      .status(204)
      .end();
  };
}

/** Credential, rate limit, origin, body shape; then Analytics decides, all or nothing. */
function ingestBatch(options: IngestRouteOptions, allows: OriginCheck) {
  return async (req: Request, res: Response) => {
    const requestId = requestIdOf(res);
    try {
      const clientIp = clientIpOf(req, options.clientIpHeader);
      const identity = await ingestor(options, req, requestId);
      await options.spendRateLimit(identity, clientIp);
      const origin = req.header('origin');
      if (origin) {
        if (!(await allows(identity, origin, requestId)))
          throw apiError(ErrorCode.FORBIDDEN, `Origin ${origin} may not send events for this tenant`);
        allowOrigin(res, origin);
      }
      const batch = batchOf(req.body);
      const forwarded = { requestId, clientIp, userAgent: req.header('user-agent') ?? null, identity };
      const answer = await forward(options, forwarded, batch);
      res.status(answer.status).json(answer.body);
    } catch (error) {
      refuse(res, error, options.logger);
    }
  };
}

/** The credential of an ingest request: `?key=` (browsers: sendBeacon sets no headers), else the headers. */
async function ingestor(options: IngestRouteOptions, req: Request, requestId: string): Promise<Identity> {
  const key = typeof req.query.key === 'string' ? req.query.key : undefined;
  const identity = await options.identify(key ? { ...req.headers, 'x-api-key': key } : req.headers, requestId);
  if (!identity) throw apiError(ErrorCode.UNAUTHENTICATED, 'Send the ingestion key as ?key= or x-api-key');
  return identity;
}

/** sendBeacon can only send text/plain (a "simple" request, no preflight): its body is JSON all the same. */
function sendAsJson(req: Request, _res: Response, next: () => void) {
  req.headers['content-type'] = 'application/json';
  next();
}

const allowOrigin = (res: Response, origin: string) =>
  res.set({ 'access-control-allow-origin': origin, vary: 'Origin' });

function clientIpOf(req: Request, header: string | null): string | null {
  const forwarded = header ? req.header(header)?.split(',')[0]?.trim() : undefined;
  return forwarded && isIP(forwarded) ? forwarded : (req.socket.remoteAddress ?? null);
}

function batchOf(body: unknown): { events: unknown; backfill: boolean } {
  const batch = body as { events?: unknown; backfill?: unknown } | null;
  if (!batch || typeof batch !== 'object' || !Array.isArray(batch.events))
    throw apiError(ErrorCode.BAD_USER_INPUT, 'The body must be { "events": [ … ] }', { field: 'events' });
  if (batch.backfill !== undefined && typeof batch.backfill !== 'boolean')
    throw apiError(ErrorCode.BAD_USER_INPUT, 'backfill must be true or false', { field: 'backfill' });
  return { events: batch.events, backfill: batch.backfill === true };
}

interface SubgraphAnswer {
  data?: { result?: { accepted: number; duplicates: number } } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One signed request to Analytics, as the gateway's query plans make them; its first error decides the status. */
async function forward(
  options: IngestRouteOptions,
  forwarded: Parameters<typeof signGatewayToken>[1],
  batch: { events: unknown; backfill: boolean },
) {
  const token = await signGatewayToken(options.gatewayKey, forwarded);
  const response = await fetch(options.analyticsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [gatewayTokenHeader]: token },
    body: JSON.stringify({ query: mutationOf(batch.backfill), variables: { events: batch.events } }),
    signal: AbortSignal.timeout(30_000),
  }).catch(() => null);
  const answer = (await response?.json().catch(() => null)) as SubgraphAnswer | null;
  const result = answer?.data?.result;
  if (result) return { status: 200, body: { accepted: result.accepted, duplicates: result.duplicates } };
  const first = answer?.errors?.[0];
  if (!first) throw apiError(ErrorCode.SERVICE_UNAVAILABLE, 'Analytics is unavailable; retry shortly');
  const code = codeOf(first.extensions?.code);
  const field = first.extensions?.field;
  return { status: httpStatusOf(code), body: errorBody(code, first.message, field) };
}

const codeOf = (code: unknown): ErrorCode =>
  typeof code === 'string' && code in ErrorCode
    ? (code as ErrorCode)
    : code === 'GRAPHQL_VALIDATION_FAILED'
      ? ErrorCode.BAD_USER_INPUT
      : ErrorCode.INTERNAL_SERVER_ERROR;

const errorBody = (code: ErrorCode, message: string, field?: unknown) => ({
  errors: [{ message, extensions: { code, ...(typeof field === 'string' ? { field } : {}) } }],
});

function refuse(res: Response, error: unknown, logger: Logger) {
  if (error instanceof GraphQLError) {
    const code = codeOf(error.extensions.code);
    const retryAfter = error.extensions.retryAfterSeconds;
    if (retryAfter) res.set('retry-after', String(retryAfter));
    return void res.status(httpStatusOf(code)).json(errorBody(code, error.message, error.extensions.field));
  }
  logger.error({ err: error }, 'ingest failed');
  res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
}
