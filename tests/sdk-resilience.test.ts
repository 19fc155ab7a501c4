import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodexError, graphql, type RetryEvent } from '../sdk/src/index.ts';
import { startOwnGateway } from './support/own-gateway.ts';
import { createSdkTenant, sdkClient, type SdkTenant } from './support/sdk-fixture.ts';
import { freePort, graphqlUrlOf } from './support/service-control.ts';

let world: SdkTenant;
beforeAll(async () => {
  world = await createSdkTenant('sdk-resilience');
});

const figures = graphql(`
  query TenantFigures($id: ID!) {
    tenant(id: $id) { name users { total } crm { totalCustomers } }
  }
`);

const retriesOf = () => {
  const events: RetryEvent[] = [];
  return { events, onRetry: (event: RetryEvent) => events.push(event) };
};

describe('a service that is down (CRM and Analytics stopped)', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    const [crm, analytics] = await Promise.all([freePort(), freePort()]);
    gateway = await startOwnGateway({}, { crm: graphqlUrlOf(crm), analytics: graphqlUrlOf(analytics) });
  });
  afterAll(() => gateway?.stop());

  const client = (credentials: Parameters<typeof sdkClient>[0]['credentials'], retries = retriesOf()) =>
    sdkClient({ url: gateway.url, credentials, retry: { baseDelayMs: 20 }, onRetry: retries.onRetry });

  it('gives the other services’ data beside a typed SERVICE_UNAVAILABLE naming CRM, after retrying the query', async () => {
    const retries = retriesOf();
    const codex = client(world.admin, retries);
    const error = await codex.request(figures, { id: world.tenantId }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CodexError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'crm', operationName: 'TenantFigures' });
    expect((error as CodexError).data).toMatchObject({ tenant: { name: expect.any(String), crm: null } });
    expect(retries.events.map((event) => event.error.code)).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

    const partial = await codex.request(figures, { id: world.tenantId }, { partial: true });
    expect(partial.data.tenant?.users?.total).toBeGreaterThan(0);
    expect(partial.data.tenant?.crm).toBeNull();
    expect(partial.errors[0]).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'crm' });
  });

  it('never retries a mutation without idempotency keys', async () => {
    const retries = retriesOf();
    const codex = client({ apiKey: world.apiKey }, retries);
    const created = codex.crm.customers.create({
      email: `${randomUUID()}@example.test`,
      firstName: 'A',
      lastName: 'B',
    });
    await expect(created).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'crm' });
    expect(retries.events).toEqual([]);
  });

  it('retries ingestEvents, whose events carry idempotency keys', async () => {
    const retries = retriesOf();
    const codex = client(world.machine, retries);
    const ingest = codex.analytics.events.ingest([{ idempotencyKey: randomUUID(), name: 'sdk_probe' }]);
    await expect(ingest).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'analytics' });
    expect(retries.events).toHaveLength(2);
  });
});

describe('rate limits', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startOwnGateway({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_WINDOW_SECONDS: '8' });
  });
  afterAll(() => gateway?.stop());

  it('a 429 is retried after its Retry-After, and one longer than allowed is thrown with retryAfterSeconds', async () => {
    const impatient = sdkClient({
      url: gateway.url,
      credentials: { apiKey: world.apiKey },
      retry: { maxRetryAfterSeconds: 1 },
    });
    let refusal: CodexError | undefined;
    while (!refusal)
      refusal = await impatient.crm.customers
        .list()
        .firstPage()
        .then(
          () => undefined,
          (error: CodexError) => error,
        );
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(refusal.retryAfterSeconds).toBeGreaterThan(1);

    // Wait until the window has a few seconds left, so the retry honours a short Retry-After.
    await new Promise((resolve) => setTimeout(resolve, (refusal!.retryAfterSeconds! - 4) * 1000));
    const retries = retriesOf();
    const patient = sdkClient({ url: gateway.url, credentials: { apiKey: world.apiKey }, onRetry: retries.onRetry });
    const started = Date.now();
    const page = await patient.crm.customers.list().firstPage();
    expect(page.totalCount).toBeGreaterThanOrEqual(0);
    const [retry] = retries.events;
    expect(retry?.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(retry!.delayMs).toBeGreaterThanOrEqual(retry!.error.retryAfterSeconds! * 1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(retry!.delayMs);
  }, 30_000);
});

describe('safelist mode', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startOwnGateway({ PERSISTED_OPERATIONS: 'safelist' });
  });
  afterAll(() => gateway?.stop());

  it('runs the generated operations (login included) and refuses unregistered ones', async () => {
    const codex = sdkClient({ url: gateway.url, credentials: world.admin });
    expect((await codex.auth.me())?.email).toBe(world.admin.email);
    const customer = await codex.crm.customers.create({
      email: `${randomUUID()}@example.test`,
      firstName: 'S',
      lastName: 'L',
    });
    expect((await codex.crm.customers.get(customer.id))?.id).toBe(customer.id);
    await expect(codex.request(figures, { id: world.tenantId })).rejects.toMatchObject({
      code: 'PERSISTED_QUERY_NOT_IN_LIST',
    });
    await codex.logout();
  });
});

describe('timeouts and cancellation', () => {
  it('a call over its timeout fails with TIMEOUT; an aborted one with ABORTED', async () => {
    const codex = sdkClient({ credentials: { apiKey: world.apiKey } });
    await expect(codex.auth.tenants.get(world.tenantId, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const controller = new AbortController();
    const call = codex.crm.customers.get(randomUUID(), { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
