import { requestIdHeader } from './context.ts';
import type { SubgraphConfig } from './subgraph-config.ts';
import { apiError, ErrorCode } from './errors.ts';
import { gatewayKey, gatewayTokenHeader, signGatewayToken, type ForwardedRequest } from './gateway-trust.ts';

export interface SubgraphClientOptions {
  /** The other subgraph's name, for error messages (`crm`). */
  service: string;
  /** Its GraphQL endpoint, e.g. `http://crm:4002/graphql`. */
  url: string;
  /** The gateway's signing key (GATEWAY_SECRET): the other subgraph serves only signed requests. */
  gatewayKey: Uint8Array;
  timeoutMs?: number;
}

export interface SubgraphAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Sends one GraphQL operation on behalf of the request being served. */
export type SubgraphClient = <T>(
  forwarded: ForwardedRequest,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<SubgraphAnswer<T>>;

const defaultTimeoutMs = 5000;

/**
 * A subgraph asking another subgraph directly (e.g. Billing checking that a CRM customer exists).
 * Each request is signed exactly as the gateway signs its fetches and carries the same request id,
 * client address and identity as the request being served, so the other subgraph applies the
 * caller's own tenant scope and the logs of both join on one request id. A subgraph that is down,
 * answers with a non-JSON error or does not answer within the timeout is SERVICE_UNAVAILABLE.
 */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const unavailable = (detail: string) =>
    apiError(ErrorCode.SERVICE_UNAVAILABLE, `${options.service} ${detail}`, { serviceName: options.service });
  return async <T>(forwarded: ForwardedRequest, query: string, variables: Record<string, unknown> = {}) => {
    const token = await signGatewayToken(options.gatewayKey, forwarded);
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [gatewayTokenHeader]: token,
          [requestIdHeader]: forwarded.requestId,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw unavailable(timedOut ? `did not answer within ${timeoutMs} ms` : 'is unavailable');
    }
    // GraphQL errors come as JSON with any status; anything else is the service failing.
    if (!(response.headers.get('content-type') ?? '').includes('json'))
      throw unavailable(`answered HTTP ${response.status}`);
    try {
      return (await response.json()) as SubgraphAnswer<T>;
    } catch {
      throw unavailable('sent an unreadable answer');
    }
  };
}

/**
 * The client of a peer subgraph this one calls (CRM calls auth, billing calls CRM), at the URL the
 * config names (`<PEER>_SUBGRAPH_URL`, which the config requires for this service).
 */
export function peerSubgraphClient(config: SubgraphConfig, peer: 'auth' | 'crm'): SubgraphClient {
  const url = peer === 'auth' ? config.authSubgraphUrl : config.crmSubgraphUrl;
  if (!url) throw new Error(`${peer.toUpperCase()}_SUBGRAPH_URL is required to call the ${peer} subgraph`);
  return createSubgraphClient({ service: peer, url, gatewayKey: gatewayKey(config.gatewaySecret) });
}
