import { readFileSync } from 'node:fs';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { extendSchema, type GraphQLSchema, parse } from 'graphql';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

export const liveSdlFile = new URL('../../../schema/live.graphql', import.meta.url);

/** The API schema plus the gateway-owned `Subscription` root (schema/live.graphql). */
export function withSubscriptions(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(readFileSync(liveSdlFile, 'utf8')), { assumeValidSDL: false });
}

/**
 * The federated gateway as Apollo Server sees it, with the live `Subscription` type added to every
 * schema it loads: validation and introspection over HTTP know the subscriptions, the query plans
 * stay the gateway's own (its executor plans from its supergraph). `current()` is the schema the
 * live transports validate against.
 */
export function gatewayWithSubscriptions(gateway: GatewayInterface) {
  let current: GraphQLSchema | null = null;
  const wrapped: GatewayInterface = {
    load: (options) => gateway.load(options),
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
