/// <reference types="node" />
import { gql, type TypedDocumentNode } from '@apollo/client';
import { afterEach, expect, test } from 'vitest';
import { createConsoleClient, refreshTokenStorageKey, type Session } from './apollo-client.ts';
import { loginMutation } from './auth/AuthOperations.ts';

/** A Map-backed Storage, standing in for the browser's sessionStorage. */
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The auth contract of the gateway, in memory: rotating single-use refresh tokens whose reuse
 * revokes the family, access tokens that expire or can be revoked, UNAUTHENTICATED with HTTP 401.
 */
class FakeGateway {
  accessTtlMs = 60 * 60_000;
  refreshDelayMs = 20;
  refreshCalls = 0;
  maxConcurrentRefreshes = 0;
  reusedRefreshTokens = 0;
  failRefresh = false;
  /** Authorization headers of the `Ping` queries, in order. */
  pings: (string | null)[] = [];
  #activeRefreshes = 0;
  #validAccess = new Set<string>();
  #currentRefresh: string | undefined;
  #serial = 0;

  revokeAccessTokens() {
    this.#validAccess.clear();
  }

  fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { operationName, variables } = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables: Record<string, string>;
    };
    const authorization = new Headers(init?.headers).get('authorization');
    switch (operationName) {
      case 'Login':
        return variables.password === 'right'
          ? this.#ok({ login: this.#issue() })
          : this.#unauthenticated('Invalid email or password');
      case 'RefreshSession': {
        this.refreshCalls += 1;
        this.#activeRefreshes += 1;
        this.maxConcurrentRefreshes = Math.max(this.maxConcurrentRefreshes, this.#activeRefreshes);
        await sleep(this.refreshDelayMs);
        this.#activeRefreshes -= 1;
        if (this.failRefresh) return this.#unauthenticated('Refresh token expired');
        if (variables.refreshToken !== this.#currentRefresh) {
          this.reusedRefreshTokens += 1;
          this.#currentRefresh = undefined;
          this.#validAccess.clear();
          return this.#unauthenticated('Refresh token reused; session revoked');
        }
        return this.#ok({ refreshToken: this.#issue() });
      }
      case 'Ping': {
        this.pings.push(authorization);
        const token = authorization?.replace(/^Bearer /, '');
        if (!token || !this.#validAccess.has(token)) return this.#unauthenticated('Token expired or revoked', 401);
        return this.#ok({ me: { __typename: 'User', id: 'u1' } });
      }
      default:
        return this.#ok({ logout: true });
    }
  };

  #issue() {
    this.#serial += 1;
    const accessToken = `access-${this.#serial}`;
    this.#validAccess.add(accessToken);
    this.#currentRefresh = `refresh-${this.#serial}`;
    return {
      __typename: 'AuthPayload',
      accessToken,
      refreshToken: this.#currentRefresh,
      expiresAt: new Date(Date.now() + this.accessTtlMs).toISOString(),
      user: {
        __typename: 'AuthenticatedUser',
        id: 'u1',
        email: 'john.doe@demo.com',
        role: 'CLIENT',
        tenant: { __typename: 'AuthenticatedTenant', id: 't1', slug: 'demo' },
      },
    };
  }

  #ok(data: unknown) {
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/graphql-response+json' } });
  }

  #unauthenticated(message: string, status = 200) {
    const body = { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }], data: null };
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/graphql-response+json' },
    });
  }
}

const pingQuery: TypedDocumentNode<{ me: { id: string } | null }> = gql`
  query Ping {
    me { id }
  }
`;

const sessions: Session[] = [];
afterEach(async () => {
  // Stop the refresh timers.
  await Promise.all(sessions.splice(0).map((session) => session.logout()));
});

function setUp(storage = new MemoryStorage(), gateway = new FakeGateway()) {
  const { client, session } = createConsoleClient({
    storage,
    uri: 'http://gateway.test/graphql',
    fetch: (input, init) => gateway.fetch(input, init),
  });
  sessions.push(session);
  // queryDeduplication off: concurrent identical queries must each reach the link.
  const ping = () =>
    client.query({
      query: pingQuery,
      fetchPolicy: 'no-cache',
      errorPolicy: 'all',
      context: { queryDeduplication: false },
    });
  const login = async () => {
    const { data } = await client.mutate({
      mutation: loginMutation,
      variables: { email: 'john.doe@demo.com', password: 'right' },
      context: { anonymous: true },
      fetchPolicy: 'no-cache',
    });
    session.signIn(data!.login);
  };
  return { gateway, client, session, storage, ping, login };
}

test('sends the access token as a bearer token; the refresh token goes to storage only', async () => {
  const { gateway, session, storage, ping, login } = setUp();
  await login();
  expect(session.getSnapshot()).toMatchObject({ status: 'signed-in', user: { email: 'john.doe@demo.com' } });
  expect(storage.getItem(refreshTokenStorageKey)).toBe('refresh-1');
  expect((await ping()).data?.me?.id).toBe('u1');
  expect(gateway.pings).toEqual(['Bearer access-1']);
});

test('concurrent UNAUTHENTICATED answers share one refresh and every operation is retried once with the new token', async () => {
  const { gateway, ping, login, storage } = setUp();
  await login();
  gateway.revokeAccessTokens();
  const results = await Promise.all([ping(), ping(), ping()]);
  expect(results.map((result) => result.data?.me?.id)).toEqual(['u1', 'u1', 'u1']);
  expect(gateway.refreshCalls).toBe(1);
  expect(gateway.reusedRefreshTokens).toBe(0);
  expect(gateway.pings.filter((header) => header === 'Bearer access-2')).toHaveLength(3);
  expect(storage.getItem(refreshTokenStorageKey)).toBe('refresh-2');
});

test('refreshes shortly before expiresAt without waiting for a failure', async () => {
  const { gateway, login, session } = setUp();
  gateway.accessTtlMs = 400;
  await login();
  await sleep(350);
  expect(gateway.refreshCalls).toBeGreaterThanOrEqual(1);
  expect(gateway.maxConcurrentRefreshes).toBe(1);
  expect(gateway.reusedRefreshTokens).toBe(0);
  expect(session.getSnapshot().status).toBe('signed-in');
});

test('when the refresh fails the session ends: signed out, storage cleared, no second retry', async () => {
  const { gateway, ping, login, session, storage } = setUp();
  await login();
  gateway.revokeAccessTokens();
  gateway.failRefresh = true;
  const result = await ping();
  expect(result.error).toBeDefined();
  expect(gateway.refreshCalls).toBe(1);
  expect(gateway.pings).toEqual(['Bearer access-1']);
  expect(session.getSnapshot()).toEqual({ status: 'signed-out', ended: true });
  expect(storage.getItem(refreshTokenStorageKey)).toBeNull();
});

test('a retried operation that is refused again is not retried a second time', async () => {
  const { gateway, ping, login } = setUp();
  await login();
  gateway.revokeAccessTokens();
  // Every access token is refused, even the fresh one.
  const realFetch = gateway.fetch;
  gateway.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    gateway.revokeAccessTokens();
    return response;
  };
  const result = await ping();
  expect(result.error).toBeDefined();
  expect(gateway.pings).toHaveLength(2);
  expect(gateway.refreshCalls).toBe(1);
});

test('a reload restores the session from sessionStorage with one refresh, even with requests racing it', async () => {
  const first = setUp();
  await first.login();
  // The reloaded page: a new client and session on the same tab storage and gateway.
  const { client, session } = setUp(first.storage, first.gateway);
  const restoring = [session.restore(), session.restore()];
  const ping = client.query({ query: pingQuery, fetchPolicy: 'no-cache' });
  expect(session.getSnapshot().status).toBe('restoring');
  expect(await Promise.all(restoring)).toEqual([true, true]);
  expect((await ping).data?.me?.id).toBe('u1');
  expect(first.gateway.refreshCalls).toBe(1);
  expect(first.gateway.reusedRefreshTokens).toBe(0);
  expect(first.gateway.pings.at(-1)).toBe('Bearer access-2');
});

test('logout forgets the session and clears the stored refresh token', async () => {
  const { login, session, storage } = setUp();
  await login();
  await session.logout();
  expect(session.getSnapshot()).toEqual({ status: 'signed-out', ended: false });
  expect(storage.getItem(refreshTokenStorageKey)).toBeNull();
});

test('every new or dropped access token is announced, so the live WebSocket reconnects with the current one', async () => {
  const { gateway, ping, login, session } = setUp();
  let changes = 0;
  session.onAccessTokenChange(() => {
    changes += 1;
  });
  await login();
  expect(changes).toBe(1);
  gateway.revokeAccessTokens();
  await ping();
  expect(changes).toBe(2);
  await session.logout();
  expect(changes).toBe(3);
});

test('an operation is sent with the id the persisted-query manifest gives it, whatever order its fragments are written in', async () => {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('graphql');
  const manifest = JSON.parse(await readFile(new URL('../persisted-query-manifest.json', import.meta.url), 'utf8')) as {
    operations: { id: string; name: string; body: string }[];
  };
  const withFragments = manifest.operations.find((operation) => operation.body.split('fragment ').length > 2);
  if (!withFragments) throw new Error('the manifest has no operation with two fragments');
  const parsed = parse(withFragments.body);
  // Fragments written before the operation, in reverse name order: what a screen may well do.
  const shuffled = { ...parsed, definitions: [...parsed.definitions].reverse() };
  const sent: unknown[] = [];
  const { client } = createConsoleClient({
    storage: new MemoryStorage(),
    uri: 'http://gateway.test/graphql',
    fetch: async (_input, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ data: null }), { headers: { 'content-type': 'application/json' } });
    },
  });
  await client.query({ query: shuffled, fetchPolicy: 'no-cache', variables: { id: 'x' } }).catch(() => undefined);
  expect(sent[0]).toMatchObject({ extensions: { persistedQuery: { sha256Hash: withFragments.id } } });
});
