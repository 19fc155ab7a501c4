import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The closed set of error codes the API returns. Nothing else invents error code strings. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation or request is beyond a gateway limit (depth, aliases, cost, size, batch); `extensions.limit` names it. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** Safelist mode: the operation is not one the clients registered (Apollo Router's code). */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  OPERATION_LIMIT_EXCEEDED: 400,
  PERSISTED_QUERY_NOT_IN_LIST: 400,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Same error for a foreign record and a missing one, so IDs of other tenants reveal nothing. */
export const notFound = (entity: string) => apiError(ErrorCode.NOT_FOUND, `${entity} not found`);

export const badInput = (message: string, field?: string) =>
  apiError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

/**
 * The write collides with rows that exist (a taken slug, a stage that still has leads): CONFLICT,
 * naming the input field.
 */
export const conflict = (message: string, field: string) => apiError(ErrorCode.CONFLICT, message, { field });

/** The HTTP status a request-level (context) error should carry. */
export const httpStatusOf = (code: ErrorCode) => httpStatus[code];

/** Codes Apollo Server itself raises for malformed requests: safe to show as they are. */
const requestErrorCodes = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
];
const shownCodes = new Set<string>([...Object.values(ErrorCode), ...requestErrorCodes]);

/**
 * Apollo `formatError`: errors raised on purpose keep their code and message; anything else
 * (driver errors, bugs) becomes a bare INTERNAL_SERVER_ERROR unless detail is exposed
 * (development). The detail is logged by the server before this runs.
 */
export function formatApiError(formatted: GraphQLFormattedError, exposeDetail: boolean): GraphQLFormattedError {
  if (exposeDetail) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  const code = String(extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  if (shownCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions };
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}),
    },
  };
}
