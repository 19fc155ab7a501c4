/** A user session's tokens, as `login` and `refreshToken` answer them. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ISO 8601). */
  expiresAt: string;
}

/**
 * Where a session's tokens live between calls (and, with a persistent store, between runs). The
 * client reads it before each call and writes it after each login, refresh and logout.
 */
export interface TokenStore {
  get(): SessionTokens | null | Promise<SessionTokens | null>;
  set(tokens: SessionTokens | null): void | Promise<void>;
}

/** The default: tokens in this process's memory only. */
export function memoryTokenStore(initial: SessionTokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

/** The part of the Web Storage API a store needs (`localStorage`, `sessionStorage`). */
export interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Tokens in the browser's `localStorage` (or any Web Storage), as JSON under `key`. */
export function webStorageTokenStore(storage?: WebStorage, key = 'codex.session'): TokenStore {
  const browserStorage = (globalThis as { localStorage?: WebStorage }).localStorage;
  const store = storage ?? browserStorage;
  if (!store) throw new TypeError('webStorageTokenStore: no storage given and no localStorage here');
  return {
    get: () => {
      const text = store.getItem(key);
      return text ? (JSON.parse(text) as SessionTokens) : null;
    },
    set: (tokens) => {
      if (tokens) store.setItem(key, JSON.stringify(tokens));
      else store.removeItem(key);
    },
  };
}
