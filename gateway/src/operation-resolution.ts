import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { RequestContext } from '@codex/kit/context';
import { GraphQLError } from 'graphql';

const unresolved = (operationName: string | undefined) =>
  new GraphQLError(
    operationName
      ? `Unknown operation named ${JSON.stringify(operationName.slice(0, 100))}`
      : 'Must provide operation name if the document contains several operations',
    { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } },
  );

/**
 * A document whose operation cannot be chosen (several and no `operationName`, or a name it does
 * not hold) is the caller's mistake. Apollo Server hands it to the gateway's executor anyway, whose
 * plain `Error` becomes an HTTP 500: refuse it before, with Apollo's own code.
 */
export function operationResolution(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) throw unresolved(request.operationName);
        },
      };
    },
  };
}
