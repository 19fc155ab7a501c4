import { CombinedGraphQLErrors, ServerError, type ErrorLike } from '@apollo/client';

/** One failure as a person can read it: the message, its code, and the id to quote to support. */
export interface ApiErrorLine {
  message: string;
  code?: string;
  serviceName?: string;
  requestId?: string;
  /** `extensions.field` of a BAD_USER_INPUT, e.g. `input.email`. */
  field?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function line(message: string, extensions: Record<string, unknown> | undefined): ApiErrorLine {
  const entries = {
    code: text(extensions?.code),
    serviceName: text(extensions?.serviceName),
    requestId: text(extensions?.requestId),
    field: text(extensions?.field),
  };
  return { message, ...Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) };
}

/** Every error in `error`, whatever Apollo wrapped it in. */
export function apiErrorLines(error: ErrorLike): ApiErrorLine[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map(({ message, extensions }) => line(message, extensions));
  if (ServerError.is(error)) {
    const requestId = error.response.headers.get('x-request-id') ?? undefined;
    return [line(`The server answered ${error.statusCode}: ${error.message}`, { requestId })];
  }
  return [{ message: error.message }];
}
