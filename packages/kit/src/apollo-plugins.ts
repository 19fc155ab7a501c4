import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from './context.ts';
import { ErrorCode } from './errors.ts';

/** Gives every INTERNAL_SERVER_ERROR of the answer the request id, so a caller can quote it and we can find the log. */
export function withRequestId(
  errors: readonly GraphQLFormattedError[],
  requestId: string,
): readonly GraphQLFormattedError[] {
  if (!errors.some((error) => error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR)) return errors;
  return errors.map((error) =>
    error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR
      ? { ...error, extensions: { ...error.extensions, requestId } }
      : error,
  );
}

function addRequestId(response: GraphQLResponse, requestId: string | undefined) {
  if (requestId === undefined || response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  if (result.errors) result.errors = withRequestId(result.errors, requestId);
}

/**
 * One structured log line per operation (id, name, duration, error codes), full detail for
 * unexpected errors (which clients only see masked), and the request id on every
 * INTERNAL_SERVER_ERROR the client sees.
 */
export function requestLogPlugin<TContext extends RequestContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
              contextValue.logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ operationName, errors, response }) {
          addRequestId(response, contextValue?.requestId);
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round(performance.now() - started),
              errorCodes: errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
