import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { requestIdHeader, type RequestContext } from '@codex/kit';

/**
 * How the gateway talks to a subgraph. The context is empty for schema and health fetches, so
 * nothing here may assume a request is in flight.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<RequestContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>) {
    if ('requestId' in context && context.requestId) {
      request.http?.headers.set(requestIdHeader, context.requestId);
    }
  }
}
