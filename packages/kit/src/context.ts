import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
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
 * What every resolver receives. Services extend it with their database and loaders; identity is
 * added here by the identity layer, so resolvers never read headers themselves.
 */
export interface RequestContext {
  requestId: string;
  logger: Logger;
}
