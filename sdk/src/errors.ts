/** Codes the API answers with (the platform's closed set and Apollo Server's request codes). */
export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'OPERATION_LIMIT_EXCEEDED'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED';

/** Codes the SDK adds when no answer arrived: the network failed, the call timed out or was aborted. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED';

/** `string & {}` keeps editor completion for the known codes while accepting a code added to the API later. */
export type CodexErrorCode = ApiErrorCode | ClientErrorCode | (string & {});

/** An error as GraphQL answers it. */
export interface GraphQLErrorJson {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface CodexErrorDetails {
  code: CodexErrorCode;
  message: string;
  requestId?: string | undefined;
  operationName?: string | undefined;
  status?: number | undefined;
  path?: readonly (string | number)[] | undefined;
  extensions?: Record<string, unknown> | undefined;
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/**
 * Every failure of a Codex call. `code` is the API's stable code; `field` names the input that was
 * refused (BAD_USER_INPUT, CONFLICT), `retryAfterSeconds` when to try again (RATE_LIMITED),
 * `serviceName` the service that did not answer (SERVICE_UNAVAILABLE). When the answer held data as
 * well (one service down, the others answered), `data` carries it and `errors` lists every error.
 */
export class CodexError extends Error {
  override readonly name = 'CodexError';
  readonly code: CodexErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly serviceName: string | undefined;
  readonly requestId: string | undefined;
  readonly operationName: string | undefined;
  /** HTTP status of the answer, when one arrived. */
  readonly status: number | undefined;
  readonly path: readonly (string | number)[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Every error of the answer, this one first. */
  errors: readonly CodexError[] = [this];
  /** The part of the answer that did arrive (partial data), or undefined when none did. */
  data: unknown;

  constructor(details: CodexErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    const extensions = details.extensions ?? {};
    this.code = details.code;
    this.extensions = extensions;
    this.field = typeof extensions.field === 'string' ? extensions.field : undefined;
    this.retryAfterSeconds = numberOf(extensions.retryAfterSeconds) ?? details.retryAfterSeconds;
    this.serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    this.requestId = details.requestId;
    this.operationName = details.operationName;
    this.status = details.status;
    this.path = details.path;
  }
}

const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The code of an answer without GraphQL errors, by HTTP status (a proxy's 502, a body the gateway refused). */
export function codeOfStatus(status: number): CodexErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_USER_INPUT';
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface AnswerMeta {
  status: number;
  requestId?: string | undefined;
  operationName?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

/** The answer's errors as one CodexError (the first) that lists them all and carries the partial data. */
export function errorOfAnswer(errors: readonly GraphQLErrorJson[], data: unknown, meta: AnswerMeta): CodexError {
  const all = errors.map(
    (error) =>
      new CodexError({
        code: typeof error.extensions?.code === 'string' ? error.extensions.code : codeOfStatus(meta.status),
        message: error.message,
        path: error.path,
        extensions: error.extensions,
        ...meta,
      }),
  );
  const [first] = all;
  if (!first) return errorOfStatus(meta);
  for (const error of all) {
    error.errors = all;
    error.data = data ?? undefined;
  }
  return first;
}

/** An answer without a GraphQL body: its HTTP status is all there is. */
export function errorOfStatus(meta: AnswerMeta): CodexError {
  return new CodexError({ code: codeOfStatus(meta.status), message: `HTTP ${meta.status}`, ...meta });
}
