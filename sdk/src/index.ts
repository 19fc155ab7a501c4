export {
  type CodexClient,
  type CodexClientOptions,
  type CodexCore,
  createCodexClient,
  createCodexCore,
} from './client.ts';
export type {
  ApiKeyCredentials,
  ClientCredentials,
  CodexCredentials,
  MfaCodeRequest,
  PasswordCredentials,
  StoredTokenCredentials,
} from './credentials.ts';
export type { CodexLive, LiveOptions } from './live.ts';
export type { CodexList, Connection, Page } from './pagination.ts';
export type { PageVariables, WithRequestId } from './domain-helpers.ts';
export { type ApiErrorCode, type ClientErrorCode, CodexError, type CodexErrorCode } from './errors.ts';
export { graphql, type ResultOf, type VariablesOf } from './graphql.ts';
export type { CallOptions, CodexResponse, RetryEvent } from './request.ts';
export { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry.ts';
export {
  memoryTokenStore,
  type SessionTokens,
  type TokenStore,
  type WebStorage,
  webStorageTokenStore,
} from './token-store.ts';
export * from './generated/operations.ts';
export type * from './generated/types.ts';
