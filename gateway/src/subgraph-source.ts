import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewayTokenHeader, requestIdHeader, signGatewayToken, type RequestContext } from '@codex/kit';
import { randomUUID } from 'node:crypto';

/**
 * How the gateway talks to a subgraph: every fetch carries the gateway's signature over the
 * request id, the caller's address and identity. The context is empty for schema and health
 * fetches, so nothing here may assume a request is in flight.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<Partial<RequestContext>> {
  constructor(private readonly gatewayKey: Uint8Array, config: ConstructorParameters<typeof RemoteGraphQLDataSource>[0]) {
    super(config);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Partial<RequestContext>>) {
    const requestId = context.requestId ?? randomUUID();
    const token = await signGatewayToken(this.gatewayKey, {
      requestId,
      clientIp: context.clientIp ?? null,
      userAgent: context.userAgent ?? null,
      identity: context.identity ?? null,
    });
    request.http?.headers.set(gatewayTokenHeader, token);
    request.http?.headers.set(requestIdHeader, requestId);
  }
}
