import { ErrorCode } from '@codex/kit/errors';
import type { GraphQLFormattedError } from 'graphql';

/** What only an implementation detail would put in a message: ORM, SQL states, stack frames, file paths. */
const internalDetail =
  /prisma|invocation|sqlstate|node_modules|file:\/\/|\.[cm]?[jt]sx?:\d+|\n\s+at\s|(?:^|[\s"'(])\/(?:[\w.-]+\/)+[\w.-]+\.[a-z]{1,4}\b/i;

/** Extensions that carry a subgraph's raw answer or a stack: never for the caller. */
const internalExtensions = ['exception', 'response'];

/**
 * The last word on every gateway answer: an error whose message shows internals (a subgraph that
 * let one through, whatever its code) is answered as an internal error, and raw subgraph answers
 * never travel in extensions.
 */
export function withoutInternals(error: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = Object.fromEntries(
    Object.entries(error.extensions ?? {}).filter(([key]) => !internalExtensions.includes(key)),
  );
  if (!internalDetail.test(error.message)) return { ...error, extensions };
  return {
    message: 'Internal server error',
    ...(error.path ? { path: error.path } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}),
    },
  };
}
