import { apiError, ErrorCode } from '@codex/kit/errors';
import { GraphQLError } from 'graphql';

const shownExtensions = ['code', 'limit', 'max', 'field', 'retryAfterSeconds'];

/**
 * A live error as clients receive it: the message and the stable code (plus the limit it hit), never
 * the HTTP hints or internals a GraphQLError may carry. Anything uncoded is an internal error.
 */
export function liveError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const extensions = Object.fromEntries(
      Object.entries(error.extensions).filter(([key]) => shownExtensions.includes(key)),
    );
    return new GraphQLError(error.message, { extensions });
  }
  return apiError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}

/** A close reason for a refused WebSocket: `<CODE>: <message>`, within the 123 bytes a close frame allows. */
export const closeReason = (error: GraphQLError) => `${error.extensions.code}: ${error.message}`.slice(0, 120);
