import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { invalidValueOf, isDatabaseBusy, rootCauseOf } from './database-errors.ts';

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

/**
 * Same error for a foreign record and a missing one, so IDs of other tenants reveal nothing; with
 * `field`, the input that named it.
 */
export const notFound = (entity: string, field?: string) =>
  apiError(ErrorCode.NOT_FOUND, `${entity} not found`, field ? { field } : {});

export const badInput = (message: string, field?: string) =>
  apiError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

/**
 * The write collides with rows that exist (a taken slug, a stage that still has leads): CONFLICT,
 * naming the input field.
 */
export const conflict = (message: string, field: string) => apiError(ErrorCode.CONFLICT, message, { field });

/** The HTTP status a request-level (context) error should carry. */
export const httpStatusOf = (code: ErrorCode) => httpStatus[code];

/**
 * Codes Apollo Server itself raises for a malformed request (a document that does not parse or
 * validate, an operation it cannot pick, persisted-query states): never raised by our code, but
 * part of the closed set an answer may carry.
 */
export const requestErrorCodes = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
] as const;
/** Every code an answer may carry: the API's own and Apollo's request-level ones. */
export const answerCodes: ReadonlySet<string> = new Set<string>([...Object.values(ErrorCode), ...requestErrorCodes]);

export const internalErrorMessage = 'Internal server error';

export interface FormatErrorOptions {
  /** The error Apollo formatted (its second `formatError` argument): database errors are classified from it. */
  error?: unknown;
  /** `EXPOSE_ERROR_STACKS=true`: keep `extensions.stacktrace` (only ever an explicit opt-in). */
  exposeStacks?: boolean;
}

/** A value the column cannot hold that reached the database: the caller's fault, not a 500. */
function invalidValueError(formatted: GraphQLFormattedError, column: string | undefined): GraphQLFormattedError {
  return {
    message: 'Invalid value',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(column ? { field: column } : {}) },
  };
}

/** A statement cancelled by its timeout, or no free connection: the service is busy, not broken. */
const databaseBusyError = (formatted: GraphQLFormattedError): GraphQLFormattedError => ({
  message: 'The database is busy; retry shortly',
  ...(formatted.path ? { path: formatted.path } : {}),
  extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
});

/** graphql-js prefixes variable coercion errors with `Variable "$input" got invalid value … at "input.a.b";`. */
const variableError = /^Variable "\$([^"]+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; /;

/**
 * Our scalars' refusals keep BAD_USER_INPUT (graphql-js copies their code); name the variable path,
 * list indexes written as the subgraphs write them (`events.2.occurredAt`, not graphql's `events[2]`).
 */
function withVariableField(
  formatted: GraphQLFormattedError,
  extensions: Record<string, unknown>,
): GraphQLFormattedError {
  if (extensions.field !== undefined) return { ...formatted, extensions };
  const match = variableError.exec(formatted.message);
  const field = match ? (match[2] ?? match[1])?.replace(/\[(\d+)\]/g, '.$1') : undefined;
  return { ...formatted, extensions: field ? { ...extensions, field } : extensions };
}

/**
 * A literal our scalars refused: Apollo reports it as a validation failure; it is bad input like a
 * variable. Read by code, not `instanceof`: the gateway's schema may come from another copy of graphql.
 */
const isScalarRefusal = (code: string, cause: unknown) =>
  code === 'GRAPHQL_VALIDATION_FAILED' &&
  (cause as { extensions?: { code?: unknown } } | null | undefined)?.extensions?.code === ErrorCode.BAD_USER_INPUT;

/**
 * Apollo `formatError`, in every mode: errors raised on purpose keep their code and message; a
 * value the database refused (SQLSTATE class 22, a CHECK) becomes BAD_USER_INPUT "Invalid value";
 * a statement cancelled by its timeout or no pool connection in time is SERVICE_UNAVAILABLE (busy,
 * not broken: retry); anything else becomes INTERNAL_SERVER_ERROR "Internal server error" with no
 * detail (the request log plugin has logged it and adds `requestId`). Stack traces stay only with
 * `exposeStacks`.
 */
export function formatApiError(
  formatted: GraphQLFormattedError,
  { error, exposeStacks = false }: FormatErrorOptions = {},
): GraphQLFormattedError {
  const { stacktrace, ...extensions } = formatted.extensions ?? {};
  const code = String(extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const cause = error === undefined ? undefined : rootCauseOf(error);
  const shown = exposeStacks && stacktrace ? { ...extensions, stacktrace } : extensions;
  if (code === ErrorCode.BAD_USER_INPUT || isScalarRefusal(code, cause)) {
    return withVariableField(formatted, { ...shown, code: ErrorCode.BAD_USER_INPUT });
  }
  if (answerCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions: shown };
  if (error !== undefined && isDatabaseBusy(error)) return databaseBusyError(formatted);
  const invalid = cause === undefined ? undefined : invalidValueOf(cause);
  if (invalid) return invalidValueError(formatted, invalid.column);
  return {
    message: internalErrorMessage,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}),
      ...(extensions.requestId ? { requestId: extensions.requestId } : {}),
      ...(exposeStacks && stacktrace ? { stacktrace } : {}),
    },
  };
}
