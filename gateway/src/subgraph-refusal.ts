import { ErrorCode } from '@codex/kit/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** What a subgraph's 4xx without GraphQL errors stands for; any other 4xx is the caller's input. */
const codeOfStatus: Record<number, ErrorCode> = {
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.RATE_LIMITED,
};

/** A subgraph refused a fetch (HTTP 4xx/5xx); `errors` are the GraphQL errors its body carried. */
export class SubgraphRefusal extends GraphQLError {
  constructor(
    message: string,
    extensions: Record<string, unknown>,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(message, { extensions });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body's GraphQL errors, reduced to message, path and extensions (nothing else travels on). */
function graphqlErrorsOf(body: unknown): GraphQLFormattedError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors
    .filter((error): error is Record<string, unknown> => isRecord(error) && typeof error.message === 'string')
    .map((error) => ({
      message: error.message as string,
      ...(Array.isArray(error.path) ? { path: error.path as (string | number)[] } : {}),
      ...(isRecord(error.extensions) ? { extensions: error.extensions } : {}),
    }));
}

/**
 * The error for a subgraph's non-2xx answer. @apollo/gateway would report `400: Bad Request` as
 * INTERNAL_SERVER_ERROR with the subgraph's URL and body: a 4xx is the caller's, so it keeps its
 * GraphQL errors (with their codes) or gets the code of its status; the URL and body stay here.
 */
export function refusalOf(serviceName: string, status: number, body: unknown): SubgraphRefusal {
  if (status >= 500) {
    const unavailable = status === 502 || status === 503 || status === 504;
    return new SubgraphRefusal(
      unavailable ? `${serviceName} is unavailable` : `${serviceName} failed (HTTP ${status})`,
      { code: unavailable ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR, serviceName },
      [],
    );
  }
  const code = codeOfStatus[status] ?? ErrorCode.BAD_USER_INPUT;
  const message = `${serviceName} refused the request (HTTP ${status})`;
  return new SubgraphRefusal(message, { code, serviceName }, graphqlErrorsOf(body));
}
