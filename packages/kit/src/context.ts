import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from './identity.ts';
import type { Logger } from './logger.ts';

/** Header that carries one request's id from the caller through the gateway to every subgraph. */
export const requestIdHeader = 'x-request-id';

const acceptableRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

/** Takes the caller's request id when it looks like one, otherwise makes a new one. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const incoming = headers[requestIdHeader];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && acceptableRequestId.test(value) ? value : randomUUID();
}

/**
 * What every resolver receives. Services extend it with their database and loaders. Identity and
 * address come from the gateway's signed token, so resolvers never read headers themselves.
 */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** null: an anonymous request (login, token and health operations only). */
  identity: Identity | null;
  clientIp: string | null;
  userAgent: string | null;
  /**
   * false when the operation names no `totalCount` anywhere: lists then skip their count query.
   * Absent (or true): lists count.
   */
  countsTotals?: boolean;
}

/** Whether a GraphQL body may select `totalCount` (a plain text check: a false positive only costs a count). */
export function selectsTotalCount(body: unknown): boolean {
  const query = (body as { query?: unknown } | null)?.query;
  return typeof query !== 'string' || query.includes('totalCount');
}

/** Express middleware: fixes the request id once, returns it to the caller, and keeps it on `res.locals`. */
export function assignRequestId(
  req: IncomingMessage,
  res: ServerResponse & { locals: Record<string, unknown> },
  next: () => void,
) {
  const requestId = requestIdFrom(req.headers);
  res.locals.requestId = requestId;
  res.setHeader(requestIdHeader, requestId);
  next();
}

export const requestIdOf = (res: { locals: Record<string, unknown> }) => String(res.locals.requestId);
