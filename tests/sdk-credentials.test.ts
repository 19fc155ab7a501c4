import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodexError, customersQuery, meQuery, memoryTokenStore } from '../sdk/src/index.ts';
import { fileTokenStore } from '../sdk/src/node/file-token-store.ts';
import { eventually } from './support/expectations.ts';
import { createSdkTenant, recordingFetch, sdkClient, type SdkTenant } from './support/sdk-fixture.ts';

let world: SdkTenant;
beforeAll(async () => {
  world = await createSdkTenant('sdk-cred');
});

describe('an API key', () => {
  it('creates a customer and finds it again by search, page after page', async () => {
    const codex = sdkClient({ credentials: { apiKey: world.apiKey } });
    const lastName = `Zyx${randomUUID().slice(0, 6)}`;
    const created = await codex.crm.customers.create({ email: `${lastName}@example.test`, firstName: 'Ada', lastName });
    expect(created.requestId).toMatch(/.+/);
    const found: string[] = [];
    for await (const customer of codex.crm.customers.list({ search: lastName, first: 1 })) found.push(customer.id);
    expect(found).toEqual([created.id]);
    expect((await codex.crm.customers.get(created.id))?.lastName).toBe(lastName);
  });

  it('sends the caller’s x-request-id and reads it back from results and errors', async () => {
    const codex = sdkClient({ credentials: { apiKey: world.apiKey } });
    const requestId = randomUUID();
    const { data, requestId: answered } = await codex.request(customersQuery, { first: 1 }, { requestId });
    expect(answered).toBe(requestId);
    expect(data.customers.totalCount).toBeGreaterThanOrEqual(0);
    const refused = await codex.crm.customers
      .create({ email: 'not-an-email', firstName: 'A', lastName: 'B' }, { requestId })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CodexError);
    expect(refused).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.email',
      requestId,
      operationName: 'CreateCustomer',
    });
  });
});

describe('client credentials', () => {
  it('fetches a token once and renews it when it is about to expire', async () => {
    const recorder = recordingFetch();
    let shortenNext = false;
    // The token really comes from the gateway; only its expiry is read as nearer, as if minutes had passed.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await recorder.fetch(input, init);
      if (!shortenNext || !String(init?.body).includes('ClientCredentialsToken')) return response;
      shortenNext = false;
      const body = (await response.json()) as { data: { clientCredentialsToken: { expiresAt: string } } };
      body.data.clientCredentialsToken.expiresAt = new Date(Date.now() + 30_000).toISOString();
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const codex = sdkClient({ credentials: world.machine, fetch });
    const events = [{ idempotencyKey: randomUUID(), name: 'sdk_probe' }];
    expect((await codex.analytics.events.ingest(events)).accepted).toBe(1);
    await codex.crm.customers.list().firstPage();
    expect(recorder.count('ClientCredentialsToken')).toBe(1);
    shortenNext = true;
    await codex.logout();
    await codex.crm.customers.list().firstPage();
    await codex.crm.customers.list().firstPage();
    expect(recorder.count('ClientCredentialsToken')).toBe(3);
  });
});

describe('email and password', () => {
  it('logs in on the first call, and logout revokes the session', async () => {
    const store = memoryTokenStore();
    const codex = sdkClient({ credentials: { ...world.admin, tokenStore: store } });
    expect((await codex.auth.me())?.email).toBe(world.admin.email);
    const tokens = (await store.get())!;
    await codex.logout();
    expect(await store.get()).toBeNull();
    // A client of its own per attempt: the refused token is dropped from its store after the first refusal.
    await eventually(async () => {
      const stale = sdkClient({ credentials: { tokens: { ...tokens, refreshToken: 'gone' } } });
      await expect(stale.request(meQuery)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  it('refuses wrong passwords with a typed error', async () => {
    const codex = sdkClient({ credentials: { email: world.admin.email, password: 'wrong-password' } });
    await expect(codex.auth.me()).rejects.toMatchObject({ name: 'CodexError', code: 'UNAUTHENTICATED' });
  });
});

describe('stored tokens', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'codex-sdk-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('keeps a session in a file between clients, refreshing an expiring access token', async () => {
    const file = path.join(directory, 'session.json');
    const first = sdkClient({ credentials: { ...world.admin, tokenStore: fileTokenStore(file) } });
    await first.auth.me();
    const saved = JSON.parse(await readFile(file, 'utf8')) as { refreshToken: string; expiresAt: string };
    const store = fileTokenStore(file);
    await store.set({ ...(await store.get())!, expiresAt: new Date(Date.now() + 1000).toISOString() });
    const recorder = recordingFetch();
    const second = sdkClient({ credentials: { tokenStore: store }, fetch: recorder.fetch });
    expect((await second.auth.me())?.email).toBe(world.admin.email);
    expect(recorder.count('RefreshToken')).toBe(1);
    expect((await store.get())?.refreshToken).not.toBe(saved.refreshToken);
  });

  it('without a refresh token that works, asks for a login again', async () => {
    const codex = sdkClient({ credentials: { tokenStore: memoryTokenStore() } });
    await expect(codex.auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
