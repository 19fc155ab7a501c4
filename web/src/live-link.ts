import { ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';

/** What the console's live connection is doing, for the "live" indicator. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

/** graphql-ws' "client restart" close code: not fatal, so the client reconnects and resubscribes. */
const restartCode = 4205;
/** WebSocket.OPEN, without touching a global Node 20 lacks. */
const openState = 1;
/** Backoff between reconnects: doubling from 1 s, at most 30 s, with jitter so tabs do not reconnect in step. */
const maxRetryWaitMs = 30_000;

const retryWait = (retries: number) =>
  new Promise<void>((resolve) =>
    setTimeout(resolve, Math.min(1000 * 2 ** retries, maxRetryWaitMs) + Math.random() * 1000),
  );

/** `/graphql` of the page's own origin as a WebSocket URL (the gateway, or the dev server's proxy). */
export function webSocketUrl(uri: string, base: string): string {
  const url = new URL(uri, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export interface LiveConnection {
  /** The Apollo link that carries subscriptions. */
  link: ApolloLink;
  /** For React's useSyncExternalStore. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): LiveStatus;
  /** Closes the socket so it reconnects with the current credentials (after a token refresh or sign-out). */
  restart(): void;
}

/**
 * One lazy graphql-ws connection for the console's subscriptions. The access token goes in the
 * connection params and is read again on every (re)connect; the gateway checks it on connect, so a
 * refreshed token needs a new connection (`restart`).
 */
export function createLiveConnection(options: {
  url: string;
  token: () => Promise<string | undefined>;
}): LiveConnection {
  let status: LiveStatus = 'idle';
  let socket: WebSocket | undefined;
  const listeners = new Set<() => void>();
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener();
  };

  // Made on the first subscription: graphql-ws needs a WebSocket implementation when it is created,
  // and Node 20 (the unit tests) has none.
  const createLink = () =>
    new GraphQLWsLink(
      createClient({
        url: options.url,
        lazy: true,
        // A console tab stays open for hours: keep trying while something is subscribed.
        retryAttempts: Number.POSITIVE_INFINITY,
        retryWait,
        // A network failure before the socket opens is worth retrying too, not only a close.
        shouldRetry: () => true,
        connectionParams: async () => {
          const token = await options.token();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        on: {
          connecting: (isRetry) => setStatus(isRetry ? 'reconnecting' : 'connecting'),
          opened: (opened) => {
            socket = opened as WebSocket;
          },
          connected: () => setStatus('connected'),
          closed: (event) => {
            socket = undefined;
            // 1000: closed because nothing is subscribed any more; anything else is followed by a retry.
            setStatus((event as CloseEvent | undefined)?.code === 1000 ? 'idle' : 'reconnecting');
          },
        },
      }),
    );
  let wsLink: GraphQLWsLink | undefined;

  return {
    link: new ApolloLink((operation) => {
      wsLink ??= createLink();
      return wsLink.request(operation);
    }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => status,
    restart: () => {
      if (socket?.readyState === openState) socket.close(restartCode, 'Client Restart');
    },
  };
}
