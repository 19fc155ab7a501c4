import { CodexError } from './errors.ts';
import {
  clientCredentialsTokenMutation,
  loginMutation,
  logoutMutation,
  refreshTokenMutation,
  verifyMfaMutation,
} from './generated/operations.ts';
import type { LoginMutation, MfaMethod } from './generated/types.ts';
import type { Authenticator, Execute } from './request.ts';
import { singleFlight } from './single-flight.ts';
import { memoryTokenStore, type SessionTokens, type TokenStore } from './token-store.ts';

/** An API key (`x-api-key`): a tenant's server-side integration. */
export interface ApiKeyCredentials {
  apiKey: string;
}

/** A machine client: access tokens from `clientCredentialsToken`, renewed before they expire. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** A user: `login`, then `refreshToken` whenever the access token is about to expire. */
export interface PasswordCredentials {
  email: string;
  password: string;
  /** Where the session's tokens live (default: memory). */
  tokenStore?: TokenStore;
  /** The `deviceToken` of an earlier login on this device: its failures are counted apart from others'. */
  deviceToken?: string;
  /**
   * For an account with two-factor sign-in: asked for a code (authenticator app or recovery code)
   * each time `login` answers with a challenge; the SDK completes the login with `verifyMfa`.
   */
  mfaCode?: (request: MfaCodeRequest) => string | Promise<string>;
}

/** What a challenged login asks for (see `login` in the API reference). */
export interface MfaCodeRequest {
  expiresAt: string;
  methods: MfaMethod[];
}

/** A session started elsewhere: tokens given here or already in the store, refreshed as needed. */
export interface StoredTokenCredentials {
  tokens?: SessionTokens;
  tokenStore?: TokenStore;
}

export type CodexCredentials = ApiKeyCredentials | ClientCredentials | PasswordCredentials | StoredTokenCredentials;

export interface Session extends Authenticator {
  logout(): Promise<void>;
}

/** Renew this long before the access token expires, so a token never dies in flight. */
const renewalMarginMs = 60_000;
const expiresSoon = (expiresAt: string) => Date.parse(expiresAt) - Date.now() < renewalMarginMs;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function apiKeySession({ apiKey }: ApiKeyCredentials): Session {
  return { headers: async () => ({ 'x-api-key': apiKey }), renew: async () => false, logout: async () => {} };
}

function machineSession({ clientId, clientSecret }: ClientCredentials, execute: Execute): Session {
  let token: { accessToken: string; expiresAt: string } | undefined;
  const fetchToken = singleFlight(async () => {
    const { data } = await execute(clientCredentialsTokenMutation, { clientId, clientSecret }, {}, undefined);
    token = data.clientCredentialsToken;
  });
  return {
    async headers() {
      if (!token || expiresSoon(token.expiresAt)) await fetchToken();
      return bearer(token!.accessToken);
    },
    async renew(used) {
      if (token && used.authorization !== bearer(token.accessToken).authorization) return true;
      token = undefined;
      return true;
    },
    async logout() {
      token = undefined;
    },
  };
}

const noSession = () =>
  new CodexError({
    code: 'UNAUTHENTICATED',
    message: 'No session: log in again (the refresh token was refused or is missing)',
  });

/** A login's tokens, after its second step when it was challenged. */
async function completedLogin(login: LoginMutation['login'], credentials: PasswordCredentials, execute: Execute) {
  const { mfaChallenge: challenge } = login;
  if (!challenge) return login;
  if (challenge.methods.includes('TOTP_ENROLLMENT') || !credentials.mfaCode)
    throw new CodexError({
      code: 'UNAUTHENTICATED',
      message: challenge.methods.includes('TOTP_ENROLLMENT')
        ? 'This account must enrol a second factor first (sign in once in the console)'
        : 'This account signs in with a second factor: pass `mfaCode` with the credentials',
    });
  const code = await credentials.mfaCode({ expiresAt: challenge.expiresAt, methods: challenge.methods });
  return (await execute(verifyMfaMutation, { challenge: challenge.token, code }, {}, undefined)).data.verifyMfa;
}

/** The tokens of a completed login or refresh; an answer without them is no session. */
function tokensOf(answer: { accessToken?: string | null; refreshToken?: string | null; expiresAt?: string | null }) {
  const { accessToken, refreshToken, expiresAt } = answer;
  if (!accessToken || !refreshToken || !expiresAt) throw noSession();
  return { accessToken, refreshToken, expiresAt };
}

function userSession(credentials: PasswordCredentials | StoredTokenCredentials, execute: Execute): Session {
  const store = credentials.tokenStore ?? memoryTokenStore('tokens' in credentials ? credentials.tokens : null);
  const password = 'password' in credentials ? credentials : undefined;
  const save = async (answer: Parameters<typeof tokensOf>[0]) => {
    await store.set(tokensOf(answer));
  };
  const logIn = async () => {
    if (!password) throw noSession();
    const variables = { email: password.email, password: password.password, deviceToken: password.deviceToken };
    const { login } = (await execute(loginMutation, variables, {}, undefined)).data;
    await save(await completedLogin(login, password, execute));
  };
  // One refresh at a time: concurrent calls share it, so a single-use refresh token is never sent twice.
  const refresh = singleFlight(async () => {
    const refreshToken = (await store.get())?.refreshToken;
    if (!refreshToken) return logIn();
    try {
      await save((await execute(refreshTokenMutation, { refreshToken }, {}, undefined)).data.refreshToken);
    } catch (error) {
      if (!(error instanceof CodexError) || error.code !== 'UNAUTHENTICATED') throw error;
      await store.set(null);
      await logIn();
    }
  });
  const current = async () => {
    let tokens = await store.get();
    if (!tokens || expiresSoon(tokens.expiresAt)) {
      await refresh();
      tokens = await store.get();
    }
    if (!tokens) throw noSession();
    return tokens;
  };
  return {
    headers: async () => bearer((await current()).accessToken),
    async renew(used) {
      const tokens = await store.get();
      if (tokens && used.authorization !== bearer(tokens.accessToken).authorization) return true;
      if (tokens) await store.set({ ...tokens, expiresAt: new Date(0).toISOString() });
      return true;
    },
    async logout() {
      if (!(await store.get())) return;
      const { accessToken } = await current();
      await store.set(null);
      await execute(logoutMutation, {}, { headers: bearer(accessToken) }, undefined);
    },
  };
}

/** The session behind a client's credentials. */
export function sessionOf(credentials: CodexCredentials, execute: Execute): Session {
  if ('apiKey' in credentials) return apiKeySession(credentials);
  if ('clientId' in credentials) return machineSession(credentials, execute);
  return userSession(credentials, execute);
}
