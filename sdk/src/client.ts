import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type CodexCredentials, sessionOf } from './credentials.ts';
import { createDomainHelpers } from './domain-helpers.ts';
import type { HasUnknownField } from './graphql.ts';
import { type CodexDomains, createDomains } from './generated/domains.ts';
import { type CodexLive, createLive } from './live.ts';
import { type CallOptions, type CodexResponse, createExecutor, type RetryEvent } from './request.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry.ts';

export interface CodexClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://api.example.com/graphql`. */
  url: string;
  credentials: CodexCredentials;
  /** Each call's budget, retries included (default 30 000 ms). */
  timeoutMs?: number;
  /** Retries and backoff (defaults: 2 retries, 500 ms base, 10 s cap, Retry-After up to 60 s honoured). */
  retry?: Partial<RetryPolicy>;
  /** Send operations as SHA-256 hashes first (automatic persisted queries; default true). */
  persistedQueries?: boolean;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** A fetch of your own (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** Called before each retry with the error and the wait. */
  onRetry?: (event: RetryEvent) => void;
  /** A WebSocket implementation for `live` where there is no global one (Node 20: the `ws` package). */
  webSocket?: unknown;
}

export interface CodexCore {
  /** Runs any typed document: a generated operation or one written with `graphql()`. */
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> & KnownFields<TData>,
    ...args: RequestArgs<TVariables>
  ): Promise<CodexResponse<TData>>;
  /** Ends the session: a user's is revoked at the gateway and its tokens removed from the store. */
  logout(): Promise<void>;
  /** Subscriptions over graphql-ws with this client's credentials (README "Live queries"). */
  live: CodexLive;
}

/** A document selecting a field the schema does not have (typed `unknown` by `graphql()`) is a type error. */
type KnownFields<TData> =
  HasUnknownField<TData> extends true ? { 'selects a field the Codex schema does not have': never } : unknown;

/** Variables may be left out only when the operation has no required variable. */
type RequestArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: CallOptions]
    : [variables: TVariables, options?: CallOptions];

export type CodexClient = CodexCore & CodexDomains;

/** The executor and session behind a client, shared by `request` and the generated helpers. */
function connect(options: CodexClientOptions) {
  const execute = createExecutor({
    url: options.url,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    retry: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    persistedQueries: options.persistedQueries ?? true,
    headers: options.headers ?? {},
    onRetry: options.onRetry,
  });
  const session = sessionOf(options.credentials, execute);
  const run = <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    callOptions?: CallOptions,
  ) => execute(document, variables ?? ({} as TVariables), callOptions, session);
  const core: CodexCore = {
    request: (document, ...[variables, callOptions]) => run(document, variables, callOptions),
    logout: () => session.logout(),
    live: createLive({ url: options.url, webSocket: options.webSocket }, session),
  };
  return { core, run };
}

/**
 * The client without resource helpers: `request` and `logout` only. Bundles that import a few
 * generated documents and call `request` with them stay small (the helpers name every operation).
 */
export function createCodexCore(options: CodexClientOptions): CodexCore {
  return connect(options).core;
}

/**
 * A Codex client: `codex.request(document, variables)` for any operation, and resource-style helpers
 * generated from the schema for every domain (`codex.crm.customers.list({ search })`).
 */
export function createCodexClient(options: CodexClientOptions): CodexClient {
  const { core, run } = connect(options);
  return { ...core, ...createDomains(createDomainHelpers(run)) };
}
