import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import type { CodexError } from './errors.ts';
import { documentInfo } from './document.ts';
import { idempotentMutations } from './generated/operations.ts';
import { type RetryPolicy, retryDelay, sleep } from './retry.ts';
import { errorOfFailedFetch, exchangeOnce } from './transport.ts';

/** Options of one call; each overrides the client's setting of the same name. */
export interface CallOptions {
  /** Abort the call (and its retries) from outside. */
  signal?: AbortSignal;
  /** The whole call's budget, retries and their waits included (client default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (client default 2). */
  maxRetries?: number;
  /** Sent as `x-request-id` (default: a new UUID); the gateway logs and audits under it. */
  requestId?: string;
  /** Treat this mutation as safe to repeat after a service failure (it carries its own idempotency key). */
  idempotent?: boolean;
  /** Resolve with partial data and its errors instead of throwing when some services failed. */
  partial?: boolean;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** What every call resolves with. */
export interface CodexResponse<TData> {
  data: TData;
  /** The request id the gateway answered under (`x-request-id`): quote it when reporting a problem. */
  requestId: string;
  operationName: string | undefined;
  /** Errors beside partial data; empty unless the call was made with `partial: true`. */
  errors: readonly CodexError[];
}

/** Credentials as the executor sees them: headers for the next attempt, and a renewal after UNAUTHENTICATED. */
export interface Authenticator {
  headers(signal: AbortSignal): Promise<Record<string, string>>;
  /** Called with the headers a refused attempt used; resolves whether a retry may help. */
  renew(used: Record<string, string>, signal: AbortSignal): Promise<boolean>;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: CodexError;
}

export interface ExecutorSettings {
  url: string;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  timeoutMs: number;
  persistedQueries: boolean;
  headers: Record<string, string>;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

export type Execute = <TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: CallOptions | undefined,
  authenticator: Authenticator | undefined,
) => Promise<CodexResponse<TData>>;

const randomId = () => globalThis.crypto.randomUUID();

/** What one call fixes before its first attempt: its document, request id, deadline and retry rules. */
function startCall(settings: ExecutorSettings, document: DocumentNode, options: CallOptions) {
  const info = documentInfo(document);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? settings.timeoutMs);
  const requestId = options.requestId ?? randomId();
  return {
    info,
    requestId,
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    policy: { ...settings.retry, ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }) },
    safeToRepeat:
      info.kind === 'query' ||
      options.idempotent === true ||
      info.rootFields.every((field) => idempotentMutations.has(field)),
    errorOf: (thrown: unknown) =>
      errorOfFailedFetch(thrown, { requestId, operationName: info.operationName, callerSignal: options.signal }),
  };
}

const exchangeOf = (call: ReturnType<typeof startCall>) => ({
  document: call.info,
  requestId: call.requestId,
  signal: call.signal,
});

/** Runs documents against the gateway: credentials, persisted queries, timeout, retries with backoff. */
export function createExecutor(settings: ExecutorSettings): Execute {
  let persisted = settings.persistedQueries;
  return async (document, variables, options = {}, authenticator) => {
    const call = startCall(settings, document, options);
    const respond = (data: unknown, requestId: string, errors: readonly CodexError[] = []) => ({
      data: data as never,
      requestId,
      operationName: call.info.operationName,
      errors,
    });
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      let used: Record<string, string> = {};
      try {
        used = (await authenticator?.headers(call.signal)) ?? {};
        const headers = { ...settings.headers, ...options.headers, ...used };
        const answer = await exchangeOnce({ ...settings, ...exchangeOf(call), variables, headers, persisted });
        if (answer.persistedQueriesUnsupported) persisted = false;
        return respond(answer.data, answer.requestId);
      } catch (thrown) {
        const error = call.errorOf(thrown);
        if (options.partial && error.data != null && error.code !== 'UNAUTHENTICATED')
          return respond(error.data, error.requestId ?? call.requestId, error.errors);
        // A token refused early (revoked, rotated elsewhere) is renewed once, without spending a retry.
        if (
          error.code === 'UNAUTHENTICATED' &&
          authenticator &&
          !renewed &&
          (await authenticator.renew(used, call.signal))
        ) {
          renewed = true;
          attempt--;
          continue;
        }
        const delayMs = retryDelay(error, attempt, call.safeToRepeat, call.policy);
        if (delayMs === undefined || call.signal.aborted) throw error;
        settings.onRetry?.({ attempt: attempt + 1, delayMs, error });
        await sleep(delayMs, call.signal).catch((reason: unknown) => {
          throw call.errorOf(reason);
        });
      }
    }
  };
}
