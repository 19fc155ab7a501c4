import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { sortTopLevelDefinitions } from '@apollo/persisted-query-lists';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { type DocumentNode, Kind, OperationTypeNode } from 'graphql';
import { Observable, type Subscription } from 'rxjs';
import { logoutMutation, refreshSessionMutation } from './auth/AuthOperations.ts';
import type { SessionPayloadFragment } from './generated/operations.ts';
import { createLiveConnection, type LiveConnection, webSocketUrl } from './live-link.ts';
import { createRequestIdLink } from './request-id-link.ts';

declare module '@apollo/client' {
  interface DefaultContext {
    /** Send without credentials and never refresh on UNAUTHENTICATED (login, refresh). */
    anonymous?: boolean;
  }
}

export type SessionUser = NonNullable<SessionPayloadFragment['user']>;

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; ended?: boolean }
  | { status: 'signed-in'; user: SessionUser };

/** sessionStorage key of the refresh token (this tab only; see web/README.md for the trade-off). */
export const refreshTokenStorageKey = 'codex.refreshToken';
/** Refresh this long before `expiresAt` (at most half the token's lifetime). */
const refreshLeadMs = 60_000;
/** A request sent with less validity left than this refreshes first. */
const minimumValidityMs = 5_000;

/**
 * The signed-in session. The access token lives only in memory; the refresh token is kept in
 * sessionStorage so a reload within the tab stays signed in. Refreshes are serialized: the
 * refresh token is single use, and presenting a spent one revokes the whole session family.
 */
export class Session {
  #state: SessionState = { status: 'signed-out' };
  #accessToken: string | undefined;
  #expiresAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #refreshing: Promise<boolean> | undefined;
  #listeners = new Set<() => void>();
  #tokenListeners = new Set<() => void>();
  #client: ApolloClient | undefined;
  readonly #storage: Storage | undefined;

  constructor(storage: Storage | undefined) {
    this.#storage = storage;
  }

  /** Called once by `createConsoleClient`; the session sends refresh and logout through the client. */
  attach(client: ApolloClient) {
    this.#client = client;
  }

  // For React's useSyncExternalStore.
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.#state;

  /** Called whenever the access token is replaced or dropped (refresh, sign-in, sign-out): live connections reconnect. */
  onAccessTokenChange(listener: () => void): () => void {
    this.#tokenListeners.add(listener);
    return () => void this.#tokenListeners.delete(listener);
  }

  /** Starts the app: resumes the tab's session from its refresh token, if it has one. */
  restore(): Promise<boolean> {
    if (this.#state.status === 'signed-in' || this.#refreshing !== undefined)
      return this.#refreshing ?? Promise.resolve(true);
    if (!this.#readRefreshToken()) {
      this.#setState({ status: 'signed-out' });
      return Promise.resolve(false);
    }
    this.#setState({ status: 'restoring' });
    return this.refresh();
  }

  /** Stores a login or refresh result and schedules the next refresh (a login's open MFA challenge is no session). */
  signIn(payload: SessionPayloadFragment) {
    const { accessToken, refreshToken, expiresAt, user } = payload;
    if (!accessToken || !refreshToken || !expiresAt || !user) throw new Error('the answer carries no session');
    this.#writeRefreshToken(refreshToken);
    this.#setAccessToken(accessToken);
    this.#expiresAt = Date.parse(expiresAt);
    this.#scheduleRefresh();
    const previous = this.#state;
    // Keep the same user object across refreshes so React does not re-render the whole console.
    const sameUser = previous.status === 'signed-in' && JSON.stringify(previous.user) === JSON.stringify(user);
    if (!sameUser) this.#setState({ status: 'signed-in', user });
  }

  /** Exchanges the refresh token for new tokens. Concurrent callers share the one refresh in flight. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#runRefresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** The token to send now: waits for a refresh in flight and refreshes a token about to expire. */
  async accessToken(): Promise<string | undefined> {
    if (this.#refreshing !== undefined) await this.#refreshing;
    if (this.#accessToken && this.#expiresAt - Date.now() < minimumValidityMs) await this.refresh();
    return this.#accessToken;
  }

  /**
   * After `rejected` was refused as UNAUTHENTICATED: a newer token if another request already
   * refreshed, else the result of one refresh; undefined when the session is over.
   */
  async renewAfter(rejected: string): Promise<string | undefined> {
    if (this.#refreshing !== undefined) await this.#refreshing;
    if (this.#accessToken && this.#accessToken !== rejected) return this.#accessToken;
    if (!this.#accessToken) return undefined;
    return (await this.refresh()) ? this.#accessToken : undefined;
  }

  /** Revokes the session at the gateway (best effort) and forgets it locally either way. */
  async logout() {
    if (this.#refreshing !== undefined) await this.#refreshing;
    try {
      if (this.#accessToken && this.#client) {
        await this.#client.mutate({ mutation: logoutMutation, fetchPolicy: 'no-cache' });
      }
    } catch {
      // The session may already be revoked or the gateway unreachable: signing out locally still applies.
    } finally {
      this.#end(false);
    }
  }

  async #runRefresh(): Promise<boolean> {
    const refreshToken = this.#readRefreshToken();
    if (!refreshToken || !this.#client) {
      this.#end(this.#state.status !== 'signed-out');
      return false;
    }
    try {
      const { data } = await this.#client.mutate({
        mutation: refreshSessionMutation,
        variables: { refreshToken },
        fetchPolicy: 'no-cache',
        context: { anonymous: true },
      });
      if (!data) throw new Error('refreshToken returned no data');
      this.signIn(data.refreshToken);
      return true;
    } catch {
      // Expired, revoked or reused (UNAUTHENTICATED), or the gateway is unreachable: the refresh
      // token may already be spent, so the only safe state is signed out.
      this.#end(this.#state.status !== 'signed-out');
      return false;
    }
  }

  #scheduleRefresh() {
    clearTimeout(this.#timer);
    const lifetime = this.#expiresAt - Date.now();
    const delay = Math.max(0, lifetime - Math.min(refreshLeadMs, lifetime / 2));
    // setTimeout overflows above 2^31-1 ms; tokens live minutes, but stay safe.
    this.#timer = setTimeout(() => void this.refresh(), Math.min(delay, 2 ** 31 - 1));
  }

  /** Forgets tokens and cached data; `ended` tells the login screen the session ran out rather than was closed. */
  #end(ended: boolean) {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#setAccessToken(undefined);
    this.#expiresAt = 0;
    this.#writeRefreshToken(undefined);
    this.#setState({ status: 'signed-out', ended });
    // The next user of this tab must not see the previous user's data. Cleared on the next task:
    // by then the operation whose refresh failed has delivered its error and React has unmounted
    // the pages; anything still in flight is cancelled so it cannot write into the cache.
    const client = this.#client;
    setTimeout(() => void client?.clearStore().catch(() => undefined), 0);
  }

  #setAccessToken(token: string | undefined) {
    if (token === this.#accessToken) return;
    this.#accessToken = token;
    for (const listener of this.#tokenListeners) listener();
  }

  #setState(state: SessionState) {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  #readRefreshToken(): string | undefined {
    try {
      return this.#storage?.getItem(refreshTokenStorageKey) ?? undefined;
    } catch {
      return undefined;
    }
  }

  #writeRefreshToken(token: string | undefined) {
    try {
      if (token) this.#storage?.setItem(refreshTokenStorageKey, token);
      else this.#storage?.removeItem(refreshTokenStorageKey);
    } catch {
      // Storage disabled: the session simply does not survive a reload.
    }
  }
}

function isUnauthenticated(result: ApolloLink.Result): boolean {
  return result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED') ?? false;
}

function withBearer(headers: Record<string, string> | undefined, token: string | undefined): Record<string, string> {
  const { authorization: _ignored, ...rest } = headers ?? {};
  return token ? { ...rest, authorization: `Bearer ${token}` } : rest;
}

/**
 * Adds `Authorization: Bearer` from the session. On UNAUTHENTICATED (an expired or revoked token)
 * it renews the token once and retries the operation; if that fails the session is over.
 */
function createAuthLink(session: Session): ApolloLink {
  return new ApolloLink((operation, forward) => {
    if (operation.getContext().anonymous) return forward(operation);

    return new Observable<ApolloLink.Result>((observer) => {
      let closed = false;
      let inner: Subscription | undefined;

      const attempt = (token: string | undefined, retried: boolean) => {
        operation.setContext(({ headers }) => ({ headers: withBearer(headers, token) }));
        let renewing = false;
        const renewOrGiveUp = (fail: () => void) => {
          renewing = true;
          inner?.unsubscribe();
          session.renewAfter(token!).then(
            (renewed) => {
              if (closed) return;
              if (renewed) attempt(renewed, true);
              else fail();
            },
            () => !closed && fail(),
          );
        };
        inner = forward(operation).subscribe({
          next: (result) => {
            if (token && !retried && isUnauthenticated(result)) {
              renewOrGiveUp(() => {
                observer.next(result);
                observer.complete();
              });
            } else {
              observer.next(result);
            }
          },
          error: (error: unknown) => {
            if (token && !retried && ServerError.is(error) && error.statusCode === 401) {
              renewOrGiveUp(() => observer.error(error));
            } else {
              observer.error(error);
            }
          },
          complete: () => {
            if (!renewing) observer.complete();
          },
        });
      };

      session.accessToken().then(
        (token) => !closed && attempt(token, false),
        (error: unknown) => !closed && observer.error(error),
      );

      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    });
  });
}

export interface ConsoleClientOptions {
  /** Where the refresh token is kept; the browser's sessionStorage. */
  storage?: Storage | undefined;
  /** GraphQL endpoint; same-origin `/graphql` in the browser. */
  uri?: string;
  /** For tests: a fake transport. */
  fetch?: typeof globalThis.fetch;
  /** Base URL `uri` is resolved against for the WebSocket; the page's own address in the browser. */
  baseUrl?: string;
}

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

/**
 * Operations go by their SHA-256 first (automatic persisted queries); the ids are the ones of
 * `persisted-query-manifest.json`, so a gateway in safelist mode knows them without the text.
 */
async function sha256(query: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const sortedDocuments = new WeakMap<DocumentNode, DocumentNode>();

/**
 * The manifest tool hashes each document with its top-level definitions sorted (operation first,
 * fragments by name); the console sends the same sorted document, so its hash is the manifest's id
 * whatever order a screen spreads its fragments in, and the text sent on a miss hashes the same.
 * Sorted documents are kept per document so the persisted-query link's own hash cache still hits.
 */
const sortedDocumentLink = new ApolloLink((operation, forward) => {
  let sorted = sortedDocuments.get(operation.query);
  if (!sorted) {
    sorted = sortTopLevelDefinitions(operation.query);
    sortedDocuments.set(operation.query, sorted);
  }
  operation.query = sorted;
  return forward(operation);
});

/**
 * The console's one Apollo Client and its session. `/graphql` is same-origin: the dev and preview
 * servers proxy it to the gateway.
 */
export function createConsoleClient({
  storage = globalThis.sessionStorage,
  uri = '/graphql',
  fetch,
  baseUrl = globalThis.location?.href ?? 'http://localhost/',
}: ConsoleClientOptions = {}): {
  client: ApolloClient;
  session: Session;
  live: LiveConnection;
} {
  const session = new Session(storage);
  const live = createLiveConnection({ url: webSocketUrl(uri, baseUrl), token: () => session.accessToken() });
  session.onAccessTokenChange(live.restart);
  const client = new ApolloClient({
    link: ApolloLink.from([
      createRequestIdLink(),
      createAuthLink(session),
      // Subscriptions go over the WebSocket in full text (the gateway's live path takes no persisted
      // ids); queries and mutations keep their persisted-query HTTP path.
      ApolloLink.split(
        isSubscription,
        live.link,
        ApolloLink.from([
          sortedDocumentLink,
          new PersistedQueryLink({ sha256 }),
          new HttpLink(fetch ? { uri, fetch } : { uri }),
        ]),
      ),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          // Lists a screen pages through with "Load more": pages of the same arguments are merged.
          fields: {
            tenants: relayStylePagination(['search', 'orderBy']),
            users: relayStylePagination(['tenantId']),
            apiKeys: relayStylePagination(['tenantId']),
            machineClients: relayStylePagination(['tenantId']),
          },
        },
      },
    }),
  });
  session.attach(client);
  return { client, session, live };
}
