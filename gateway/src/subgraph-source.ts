import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { apiError, ErrorCode } from '@codex/kit/errors';
import { gatewayTokenHeader } from '@codex/kit/gateway-trust';
import type { Metrics } from '@codex/kit/metrics';
import { requestIdHeader, type RequestContext } from '@codex/kit/context';
import type { GraphQLError } from 'graphql';
import { Histogram } from 'prom-client';
import type { RequestSigner } from './request-signature.ts';
import type { SubgraphClient } from './subgraph-fetch.ts';
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

type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetchedResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/** Every subgraph fetch is bounded: a hung subgraph fails its own fields, not the request. */
function fetchWithin(
  serviceName: string,
  timeoutMs: number,
  fetchDuration: FetchDuration,
  client: SubgraphClient,
): Fetcher {
  return (async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const stopTimer = fetchDuration.startTimer({ subgraph: serviceName });
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await client.send(url, { ...init, signal });
      stopTimer({ outcome: `${Math.floor(response.status / 100)}xx` });
      return response;
    } catch {
      const timedOut = signal.aborted;
      stopTimer({ outcome: timedOut ? 'timeout' : 'unavailable' });
      throw apiError(
        ErrorCode.SERVICE_UNAVAILABLE,
        timedOut ? `${serviceName} did not answer within ${timeoutMs} ms` : `${serviceName} is unavailable`,
        {
          serviceName,
        },
      );
    }
  }) as unknown as Fetcher;
}

/** What every subgraph source of one gateway shares: its signer, pooled client, timeout and fetch metric. */
export interface SubgraphTransport {
  sign: RequestSigner;
  client: SubgraphClient;
  timeoutMs: number;
  fetchDuration: FetchDuration;
}

/**
 * How the gateway talks to a subgraph: every fetch carries the gateway's signature over the
 * request id, the caller's address and identity, and gives up after the subgraph timeout. The
 * context is empty for schema and health fetches, so nothing here may assume a request is in flight.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<Partial<RequestContext>> {
  private readonly sign: RequestSigner;

  constructor(
    private readonly serviceName: string,
    transport: SubgraphTransport,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource>[0],
  ) {
    const { timeoutMs, fetchDuration, client } = transport;
    super({ ...config, fetcher: fetchWithin(serviceName, timeoutMs, fetchDuration, client) });
    this.sign = transport.sign;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Partial<RequestContext>>) {
    const { requestId, token } = this.sign(context);
    request.http?.headers.set(gatewayTokenHeader, await token);
    request.http?.headers.set(requestIdHeader, requestId);
  }

  /** A subgraph's 4xx keeps its meaning: its GraphQL errors, or the code its status stands for. */
  override async errorFromResponse(response: FetchedResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    return refusalOf(this.serviceName, response.status, body);
  }

  /** Errors a subgraph answered with a 4xx go through the plan as its answer, with their codes. */
  override async process(options: GraphQLDataSourceProcessOptions<Partial<RequestContext>>): Promise<GatewayResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof SubgraphRefusal && error.errors.length > 0) return { errors: error.errors };
      throw error;
    }
  }
}
