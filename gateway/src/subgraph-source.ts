import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { requestIdHeader, type RequestContext } from '@codex/kit/context';
import { apiError, ErrorCode } from '@codex/kit/errors';
import { gatewayTokenHeader } from '@codex/kit/gateway-trust';
import type { Metrics } from '@codex/kit/metrics';
import { Counter, Histogram } from 'prom-client';
import type { RequestSigner } from './request-signature.ts';
import type { SubgraphAnswer, SubgraphClient } from './subgraph-fetch.ts';
import { refusalOf, SubgraphRefusal } from './subgraph-refusal.ts';

/** Subgraph fetch timing, registered on the gateway's metrics once at start. */
export const createFetchDuration = (metrics: Metrics) =>
  new Histogram({
    name: 'codex_subgraph_fetch_duration_seconds',
    help: 'Fetches from the gateway to each subgraph, by outcome (HTTP status class, timeout or unavailable)',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
type FetchDuration = ReturnType<typeof createFetchDuration>;

/** Keep-alive connections the gateway opened to each subgraph (a steady pool opens few). */
export const createConnectionCount = (metrics: Metrics) =>
  new Counter({
    name: 'codex_subgraph_connections_opened_total',
    help: 'Connections the gateway opened to each subgraph origin',
    labelNames: ['origin'],
    registers: [metrics.registry],
  });

/** What every subgraph source of one gateway shares: its signer, pooled client, timeout and fetch metric. */
export interface SubgraphTransport {
  sign: RequestSigner;
  client: SubgraphClient;
  timeoutMs: number;
  fetchDuration: FetchDuration;
}

type Options = GraphQLDataSourceProcessOptions<Partial<RequestContext>>;
type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Every subgraph fetch is bounded: a hung subgraph fails its own fields, not the request. */
async function sendWithin(serviceName: string, transport: SubgraphTransport, url: string, init: SendInit) {
  const stopTimer = transport.fetchDuration.startTimer({ subgraph: serviceName });
  // A timer cleared on the answer, not AbortSignal.timeout: that one fires (and builds its
  // DOMException) for every fetch once its time is up, answered or not.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), transport.timeoutMs);
  try {
    // Named fields, not `{ ...init, signal }`: on Node 20 a spread that gains a key survives scavenges.
    const answer = await transport.client.send(url, {
      headers: init.headers,
      body: init.body,
      signal: deadline.signal,
    });
    stopTimer({ outcome: `${Math.floor(answer.status / 100)}xx` });
    return answer;
  } catch {
    const timedOut = deadline.signal.aborted;
    stopTimer({ outcome: timedOut ? 'timeout' : 'unavailable' });
    const message = timedOut
      ? `${serviceName} did not answer within ${transport.timeoutMs} ms`
      : `${serviceName} is unavailable`;
    throw apiError(ErrorCode.SERVICE_UNAVAILABLE, message, { serviceName });
  } finally {
    clearTimeout(timer);
  }
}
type SendInit = { headers: Record<string, string>; body: string };

/** JSON when the subgraph says so (as @apollo/gateway reads it), its text otherwise. */
const bodyOf = (answer: SubgraphAnswer): unknown =>
  answer.contentType?.startsWith('application/json') ||
  answer.contentType?.startsWith('application/graphql-response+json')
    ? JSON.parse(answer.text)
    : answer.text;

/** The subgraph's Cache-Control narrows the operation's cache policy, as @apollo/gateway's own source does. */
function restrictCachePolicy(options: Options, cacheControl: string | null) {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy;
  if (!policy || !('restrict' in policy)) return;
  const directives = (cacheControl ?? '').split(',').map((part) => part.trim().split('=', 2));
  const maxAge = directives.find(([name]) => name === 'max-age')?.[1]?.replace(/^"|"$/g, '');
  const scope = directives.some(([name]) => name === 'public')
    ? 'PUBLIC'
    : directives.some(([name]) => name === 'private')
      ? 'PRIVATE'
      : undefined;
  policy.restrict({ maxAge: maxAge && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0, ...(scope ? { scope } : {}) });
}

function headersFor(options: Options, token: string, requestId: string) {
  const headers: Record<string, string> = {};
  for (const [name, value] of options.request.http?.headers ?? []) headers[name.toLowerCase()] = value;
  headers['content-type'] = 'application/json';
  headers[gatewayTokenHeader] = token;
  headers[requestIdHeader] = requestId;
  return headers;
}

/** The answer's body; an unreadable body of a refusal is no body (its status still says what happened). */
function readBody(answer: SubgraphAnswer, ok: boolean): unknown {
  try {
    return bodyOf(answer);
  } catch (error) {
    if (ok) throw error;
    return undefined;
  }
}

/**
 * How the gateway talks to a subgraph: every fetch carries the gateway's signature over the
 * request id, the caller's address and identity, and gives up after the subgraph timeout. The
 * context is empty for schema and health fetches, so nothing here may assume a request is in flight.
 * A plain data source rather than RemoteGraphQLDataSource: the same request and answer, without
 * the WHATWG Headers, Request and Response objects it builds for every fetch.
 */
export function createSubgraphSource(serviceName: string, transport: SubgraphTransport, url: string) {
  const fetchOnce = async (options: Options): Promise<GatewayResponse> => {
    const { http: _http, ...request } = options.request;
    if (!request.query) throw new Error('Missing query');
    const signed = transport.sign(options.context);
    const headers = headersFor(options, await signed.token, signed.requestId);
    const answer = await sendWithin(serviceName, transport, url, { headers, body: JSON.stringify(request) });
    const ok = answer.status >= 200 && answer.status < 300;
    const body = readBody(answer, ok);
    // A subgraph's 4xx keeps its meaning: its GraphQL errors, or the code its status stands for.
    if (!ok) throw refusalOf(serviceName, answer.status, body);
    if (typeof body !== 'object' || body === null)
      throw new Error(`Expected JSON response body, but received: ${body}`);
    restrictCachePolicy(options, answer.cacheControl);
    return body as GatewayResponse;
  };
  const process = async (options: Options): Promise<GatewayResponse> => {
    try {
      return await fetchOnce(options);
    } catch (error) {
      // Errors a subgraph answered with a 4xx go through the plan as its answer, with their codes.
      if (error instanceof SubgraphRefusal && error.errors.length > 0) return { errors: error.errors };
      throw error;
    }
  };
  return { process } satisfies GraphQLDataSource<Partial<RequestContext>>;
}
