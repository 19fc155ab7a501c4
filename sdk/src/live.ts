import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type FormattedExecutionResult, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import type { Authenticator } from './request.ts';

export interface LiveOptions {
  /** The gateway's GraphQL endpoint (`https://…/graphql`); the WebSocket is the same URL as `wss://`. */
  url: string;
  /** A WebSocket implementation where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  webSocket?: unknown;
}

export interface CodexLive {
  /**
   * Subscribes over graphql-ws (`tenantFiguresSubscription`, `domainEventsSubscription`,
   * `platformHealthSubscription` or one written with `graphql()`): each result as it is pushed.
   * Break out of the loop to unsubscribe. A stream the gateway ends because the access token
   * expired is resumed once with a renewed token.
   */
  subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): AsyncIterableIterator<FormattedExecutionResult<TData>>;
  /** Closes the WebSocket. */
  close(): Promise<void>;
}

const expired = (result: FormattedExecutionResult<unknown>) =>
  result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED') ?? false;

/**
 * One lazy graphql-ws connection per client, carrying the SDK's credentials as connection params;
 * they are read again on every (re)connect, so a reconnect uses a refreshed token.
 */
export function createLive(options: LiveOptions, session: Authenticator): CodexLive {
  let client: Client | null = null;
  const connect = () => {
    client ??= createClient({
      url: options.url.replace(/^http/, 'ws'),
      lazy: true,
      ...(options.webSocket ? { webSocketImpl: options.webSocket } : {}),
      connectionParams: () => session.headers(AbortSignal.timeout(30_000)),
    });
    return client;
  };
  return {
    async *subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) {
      const payload = { query: print(document), variables: variables as Record<string, unknown> };
      for (let attempt = 0; ; attempt += 1) {
        let renew = false;
        for await (const result of connect().iterate<TData, Record<string, unknown>>(payload)) {
          if (attempt === 0 && expired(result)) {
            renew = true;
            break;
          }
          yield result as FormattedExecutionResult<TData>;
        }
        if (!renew) return;
        const headers = await session.headers(AbortSignal.timeout(30_000));
        if (!(await session.renew(headers, AbortSignal.timeout(30_000)))) return;
        // The open socket authenticated with the old token: the next subscription connects afresh.
        await client?.dispose();
        client = null;
      }
    },
    close: async () => {
      await client?.dispose();
      client = null;
    },
  };
}
