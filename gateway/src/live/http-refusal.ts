import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { badInput } from '@codex/kit/errors';

/** Subscriptions are in the HTTP schema (introspection shows them) but run only over WebSocket and SSE. */
export function subscriptionsNotOverHttp<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation }) => {
        if (operation?.operation === 'subscription') {
          throw badInput(
            'Subscriptions run over WebSocket (graphql-ws, /graphql) or SSE (graphql-sse, /graphql/stream)',
          );
        }
      },
    }),
  };
}
