import { CodexError, errorOfAnswer, errorOfStatus, type GraphQLErrorJson, parseRetryAfter } from './errors.ts';
import type { DocumentInfo } from './document.ts';

export interface Exchange {
  url: string;
  fetch: typeof globalThis.fetch;
  document: DocumentInfo;
  variables: unknown;
  headers: Record<string, string>;
  requestId: string;
  signal: AbortSignal;
  /** Send the hash first (automatic persisted queries); the text follows only if the gateway does not know it. */
  persisted: boolean;
}

export interface Answer {
  data: unknown;
  requestId: string;
  /** The gateway does not take hashes: send text from now on. */
  persistedQueriesUnsupported?: boolean;
}

interface AnswerBody {
  data?: unknown;
  errors?: GraphQLErrorJson[];
}

async function post(exchange: Exchange, withText: boolean, hash: string | undefined) {
  const { document } = exchange;
  const response = await exchange.fetch(exchange.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': exchange.requestId, ...exchange.headers },
    body: JSON.stringify({
      operationName: document.operationName,
      variables: exchange.variables,
      ...(withText ? { query: document.body } : {}),
      ...(hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } : {}),
    }),
    signal: exchange.signal,
  });
  const text = await response.text();
  let body: AnswerBody | undefined;
  try {
    body = text ? (JSON.parse(text) as AnswerBody) : undefined;
  } catch {
    body = undefined;
  }
  return { response, body };
}

const firstCode = (body: AnswerBody | undefined) => body?.errors?.[0]?.extensions?.code;

/**
 * One exchange with the gateway: the hash alone first, then the text when the gateway asks for it
 * (PERSISTED_QUERY_NOT_FOUND). Resolves with the data, or throws a CodexError carrying every error
 * of the answer, its partial data and its request id.
 */
export async function exchangeOnce(exchange: Exchange): Promise<Answer> {
  const hash = exchange.persisted ? await exchange.document.hash : undefined;
  let { response, body } = await post(exchange, !hash, hash);
  let persistedQueriesUnsupported = false;
  if (hash && firstCode(body) === 'PERSISTED_QUERY_NOT_FOUND') ({ response, body } = await post(exchange, true, hash));
  else if (hash && firstCode(body) === 'PERSISTED_QUERY_NOT_SUPPORTED') {
    persistedQueriesUnsupported = true;
    ({ response, body } = await post(exchange, true, undefined));
  }
  const meta = {
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? exchange.requestId,
    operationName: exchange.document.operationName,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  };
  if (body?.errors?.length) throw errorOfAnswer(body.errors, body.data, meta);
  if (!response.ok || !body || body.data === undefined) throw errorOfStatus(meta);
  return { data: body.data, requestId: meta.requestId, persistedQueriesUnsupported };
}

/** Turns a fetch that threw (network down, aborted, timed out) into a CodexError. */
export function errorOfFailedFetch(
  error: unknown,
  context: { requestId: string; operationName: string | undefined; callerSignal?: AbortSignal | undefined },
): CodexError {
  if (error instanceof CodexError) return error;
  const aborted = (error as { name?: string } | undefined)?.name;
  const code = context.callerSignal?.aborted
    ? 'ABORTED'
    : aborted === 'TimeoutError' || aborted === 'AbortError'
      ? 'TIMEOUT'
      : 'NETWORK_ERROR';
  const message =
    code === 'NETWORK_ERROR' ? `Network error: ${(error as Error)?.message ?? error}` : `Request ${code.toLowerCase()}`;
  return new CodexError({
    code,
    message,
    cause: error,
    requestId: context.requestId,
    operationName: context.operationName,
  });
}
