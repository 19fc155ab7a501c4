import { readFileSync } from 'node:fs';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type ExecutionResult,
  execute,
  extendSchema,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

export const liveSdlFile = new URL('../../../schema/live.graphql', import.meta.url);

/** The API schema plus the gateway-owned `Subscription` root (schema/live.graphql). */
export function withSubscriptions(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(readFileSync(liveSdlFile, 'utf8')), { assumeValidSDL: false });
}

const introspectionOnly = (operation: OperationDefinitionNode) =>
  operation.operation === 'query' &&
  operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );

/**
 * The federated gateway as Apollo Server sees it, with the live `Subscription` type added to every
 * schema it loads: validation and introspection over HTTP know the subscriptions, the query plans
 * stay the gateway's own (its executor plans from its supergraph). `current()` is the schema the
 * live transports validate against.
 */
export function gatewayWithSubscriptions(gateway: GatewayInterface) {
  let current: GraphQLSchema | null = null;
  const wrapped: GatewayInterface = {
    load: async (options) => {
      const { executor } = await gateway.load(options);
      if (!executor) return { executor };
      return {
        // The gateway answers introspection from its own API schema; ours has the subscriptions.
        executor: async (request) =>
          current && introspectionOnly(request.operation)
            ? ((await execute({
                schema: current,
                document: request.document,
                operationName: request.operationName,
                variableValues: request.request.variables,
              })) as ExecutionResult)
            : executor(request),
      };
    },
    stop: () => gateway.stop(),
    onSchemaLoadOrUpdate: (callback) =>
      gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
        current = withSubscriptions(apiSchema);
        callback({ apiSchema: current, coreSupergraphSdl });
      }),
  };
  return {
    gateway: wrapped,
    current: () => {
      if (!current) throw new Error('The gateway has not loaded its schema yet');
      return current;
    },
  };
}
