import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCustomer } from './support/crm-api.ts';
import { errorCode, eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { startWebhookReceiver, type ReceiverBehaviour, type WebhookReceiver } from './support/webhook-receiver.ts';

/*
 * Against the shared platform, whose Auth runs with test webhook settings (support/global-setup.ts):
 * 3 attempts, retries after 1–2 s then 2–4 s, a 1 s timeout, disabled after 2 failed deliveries.
 */

const endpointFields = 'id tenantId url eventTypes status disabledReason consecutiveFailures';
const deliveryFields =
  'id endpointId eventId eventType body status attemptCount attempts { statusCode error durationMs }';

let receiver: WebhookReceiver;
let tenantA: TenantActors;
let tenantB: TenantActors;

const asAdmin = (actors: TenantActors) => ({ headers: bearer(actors.admin.token) });

async function createEndpoint(actors: TenantActors, url: string, eventTypes: string[] = []) {
  const { body } = await graphql(
    /* GraphQL */ `mutation C($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${endpointFields} } } }`,
    { input: { url, eventTypes, description: 'test receiver' } },
    asAdmin(actors),
  );
  if (!body.data?.createWebhookEndpoint) throw new Error(`createWebhookEndpoint: ${JSON.stringify(body.errors)}`);
  return body.data.createWebhookEndpoint as { secret: string; endpoint: { id: string; status: string } };
}

/** A fresh endpoint of tenant A on a receiver path of its own, deaf to tenant A's domain events (test events only). */
async function endpointAt(behaviour?: ReceiverBehaviour) {
  const path = randomUUID();
  const created = await createEndpoint(tenantA, receiver.url(path, behaviour), ['webhook.test']);
  return { ...created, path };
}

async function sendTestEvent(endpointId: string, actors = tenantA) {
  const { body } = await graphql(
    /* GraphQL */ `mutation T($id: ID!) { sendTestWebhookEvent(endpointId: $id) { ${deliveryFields} } }`,
    { id: endpointId },
    asAdmin(actors),
  );
  if (!body.data?.sendTestWebhookEvent) throw new Error(`sendTestWebhookEvent: ${JSON.stringify(body.errors)}`);
  return body.data.sendTestWebhookEvent as { id: string; eventId: string };
}

async function deliveriesOf(endpointId: string, actors = tenantA) {
  const { body } = await graphql(
    /* GraphQL */ `query D($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node { ${deliveryFields} } } } }`,
    { id: endpointId },
    asAdmin(actors),
  );
  return (body.data?.webhookDeliveries.edges ?? []).map((edge: { node: unknown }) => edge.node) as {
    id: string;
    eventId: string;
    status: string;
    attempts: { statusCode: number | null; error: string | null; durationMs: number }[];
  }[];
}

async function endpointById(endpointId: string, actors = tenantA) {
  const { body } = await graphql(
    /* GraphQL */ `query E($id: ID!) { webhookEndpoint(id: $id) { ${endpointFields} } }`,
    { id: endpointId },
    asAdmin(actors),
  );
  return body.data?.webhookEndpoint ?? null;
}

async function settledDelivery(endpointId: string, status: string, timeoutMs = 20_000) {
  let found: Awaited<ReturnType<typeof deliveriesOf>>[number] | undefined;
  await eventually(async () => {
    [found] = await deliveriesOf(endpointId);
    expect(found?.status).toBe(status);
  }, timeoutMs);
  if (!found) throw new Error('no delivery');
  return found;
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const superToken = await superadminToken();
  [tenantA, tenantB] = await Promise.all([
    createTenantWithUsers(superToken, 'hooks-a'),
    createTenantWithUsers(superToken, 'hooks-b'),
  ]);
});

afterAll(() => receiver?.close());

describe.concurrent('tenant webhooks', () => {
  it("a committed change reaches its tenant's endpoints that want its type, and no other tenant's", async () => {
    const [wanted, unwanted] = [randomUUID(), randomUUID()];
    const customers = await createEndpoint(tenantA, receiver.url(wanted), ['customer.*']);
    const invoices = await createEndpoint(tenantA, receiver.url(unwanted), ['invoice.paid']);
    const otherTenant = await createEndpoint(tenantB, receiver.url(randomUUID()));
    const customer = await createCustomer(as(tenantA.admin.token));
    let received: { type: string; data: { id?: string } } | undefined;
    await eventually(async () => {
      const request = receiver.requestsTo(wanted).find((entry) => entry.body.includes(customer.id));
      if (!request) throw new Error('customer.created not received yet');
      received = new Webhook(customers.secret).verify(request.body, request.headers) as typeof received;
    }, 20_000);
    expect(received).toMatchObject({ type: 'customer.created', data: { id: customer.id } });
    // The dispatcher wrote every endpoint's delivery of that event in one transaction, before any was sent.
    expect(await deliveriesOf(invoices.endpoint.id)).toEqual([]);
    const ofB = await deliveriesOf(otherTenant.endpoint.id, tenantB);
    expect(ofB.filter((delivery) => JSON.stringify(delivery).includes(customer.id))).toEqual([]);
  });

  it('a delivery is signed the Standard Webhooks way, verifies with the reference library and is logged', async () => {
    const { endpoint, secret, path } = await endpointAt();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const sent = await sendTestEvent(endpoint.id);
    const delivery = await settledDelivery(endpoint.id, 'SUCCEEDED');
    const [request] = receiver.requestsTo(path);
    if (!request) throw new Error('nothing received');
    const verified = new Webhook(secret).verify(request.body, request.headers) as Record<string, unknown>;
    expect(verified).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect(typeof verified.timestamp).toBe('string');
    expect(request.headers['webhook-id']).toBe(sent.eventId);
    expect(request.headers['content-type']).toBe('application/json');
    expect(delivery.attempts).toEqual([{ statusCode: 200, error: null, durationMs: expect.any(Number) }]);
  });

  it('a 500 is retried with the same webhook-id until it succeeds', async () => {
    const { endpoint, path } = await endpointAt((n) => (n === 0 ? 500 : 204));
    const sent = await sendTestEvent(endpoint.id);
    const delivery = await settledDelivery(endpoint.id, 'SUCCEEDED');
    expect(delivery.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 204]);
    const requests = receiver.requestsTo(path);
    expect(requests.map((request) => request.headers['webhook-id'])).toEqual([sent.eventId, sent.eventId]);
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it('a receiver that does not answer in time is retried', async () => {
    const { endpoint } = await endpointAt((n) => (n === 0 ? 'hang' : 200));
    await sendTestEvent(endpoint.id);
    const delivery = await settledDelivery(endpoint.id, 'SUCCEEDED');
    expect(delivery.attempts.map(({ statusCode, error }) => ({ statusCode, error }))).toEqual([
      { statusCode: null, error: 'timed out' },
      { statusCode: 200, error: null },
    ]);
  });

  it('a replay sends the same body with the same webhook-id', async () => {
    const { endpoint, path } = await endpointAt();
    const sent = await sendTestEvent(endpoint.id);
    await settledDelivery(endpoint.id, 'SUCCEEDED');
    const { body } = await graphql(
      /* GraphQL */ `mutation R($id: ID!) { replayWebhookDelivery(id: $id) { id status } }`,
      { id: sent.id },
      asAdmin(tenantA),
    );
    expect(body.data?.replayWebhookDelivery).toEqual({ id: sent.id, status: 'PENDING' });
    await eventually(async () => expect(receiver.requestsTo(path)).toHaveLength(2), 15_000);
    const [first, replayed] = receiver.requestsTo(path);
    expect(replayed?.headers['webhook-id']).toBe(sent.eventId);
    expect(replayed?.body).toBe(first?.body);
  });

  it('a paused endpoint gets nothing; its queued delivery is cancelled', async () => {
    const { endpoint, path } = await endpointAt();
    const paused = await graphql(
      /* GraphQL */ `mutation P($id: ID!) { pauseWebhookEndpoint(id: $id) { status } }`,
      { id: endpoint.id },
      asAdmin(tenantA),
    );
    expect(paused.body.data?.pauseWebhookEndpoint).toEqual({ status: 'PAUSED' });
    await sendTestEvent(endpoint.id);
    const delivery = await settledDelivery(endpoint.id, 'CANCELLED');
    expect(delivery.attempts).toEqual([]);
    expect(receiver.requestsTo(path)).toHaveLength(0);
  });

  it('sustained failure disables the endpoint, with an audit row; resume starts it afresh', async () => {
    const { endpoint } = await endpointAt(() => 500);
    await sendTestEvent(endpoint.id);
    await sendTestEvent(endpoint.id);
    await eventually(async () => expect((await endpointById(endpoint.id))?.status).toBe('DISABLED'), 30_000);
    const disabled = await endpointById(endpoint.id);
    expect(disabled).toMatchObject({ consecutiveFailures: 2, disabledReason: expect.stringContaining('failed') });
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts.length])).toEqual([
      ['FAILED', 3],
      ['FAILED', 3],
    ]);
    const audit = await graphql(
      /* GraphQL */ `query A { auditLog(first: 100) { edges { node { action entityId actorRole } } } }`,
      {},
      asAdmin(tenantA),
    );
    const actions = audit.body.data?.auditLog.edges.map((edge: { node: unknown }) => edge.node);
    expect(actions).toContainEqual({ action: 'webhook_endpoint.disable', entityId: endpoint.id, actorRole: 'SYSTEM' });
    const resumed = await graphql(
      /* GraphQL */ `mutation R($id: ID!) { resumeWebhookEndpoint(id: $id) { status consecutiveFailures disabledReason } }`,
      { id: endpoint.id },
      asAdmin(tenantA),
    );
    expect(resumed.body.data?.resumeWebhookEndpoint).toEqual({
      status: 'ACTIVE',
      consecutiveFailures: 0,
      disabledReason: null,
    });
  });

  it('private, link-local and metadata receivers are refused at registration', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.7/hook', 'http://[fd00:ec2::254]/']) {
      const { body } = await graphql(
        /* GraphQL */ `mutation C($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
        { input: { url } },
        asAdmin(tenantA),
      );
      expect(errorCode(body), url).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.field).toBe('input.url');
    }
  });

  it("an ADMIN cannot see or touch another tenant's endpoints and deliveries; a CLIENT sees nothing", async () => {
    const other = await createEndpoint(tenantB, receiver.url(randomUUID()));
    const otherDelivery = await sendTestEvent(other.endpoint.id, tenantB);
    expect(await endpointById(other.endpoint.id)).toBeNull();
    const list = await graphql(
      /* GraphQL */ `query L { webhookEndpoints(first: 100) { edges { node { id tenantId } } } }`,
      {},
      asAdmin(tenantA),
    );
    const tenants = list.body.data?.webhookEndpoints.edges.map(
      (edge: { node: { tenantId: string } }) => edge.node.tenantId,
    );
    expect(new Set(tenants)).toEqual(new Set([tenantA.tenant.id]));
    for (const [mutation, id] of [
      ['pauseWebhookEndpoint(id: $id) { id }', other.endpoint.id],
      ['deleteWebhookEndpoint(id: $id)', other.endpoint.id],
      ['rotateWebhookEndpointSecret(id: $id) { secret }', other.endpoint.id],
      ['sendTestWebhookEvent(endpointId: $id) { id }', other.endpoint.id],
      ['replayWebhookDelivery(id: $id) { id }', otherDelivery.id],
    ] as const) {
      const { body } = await graphql(`mutation M($id: ID!) { ${mutation} }`, { id }, asAdmin(tenantA));
      expect(errorCode(body), mutation).toBe('NOT_FOUND');
    }
    const deliveries = await graphql(
      /* GraphQL */ `query D($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }`,
      { id: other.endpoint.id },
      asAdmin(tenantA),
    );
    expect(errorCode(deliveries.body)).toBe('NOT_FOUND');
    const asClient = await graphql(
      /* GraphQL */ `query L { webhookEndpoints { totalCount } }`,
      {},
      { headers: bearer(tenantA.client.token) },
    );
    expect(errorCode(asClient.body)).toBe('FORBIDDEN');
  });

  it('a rotated secret signs beside the previous one; update and delete are audited', async () => {
    const { endpoint, secret, path } = await endpointAt();
    const rotated = await graphql(
      /* GraphQL */ `mutation R($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }`,
      { id: endpoint.id },
      asAdmin(tenantA),
    );
    const next = rotated.body.data?.rotateWebhookEndpointSecret.secret as string;
    expect(next).not.toBe(secret);
    await sendTestEvent(endpoint.id);
    await settledDelivery(endpoint.id, 'SUCCEEDED');
    const [request] = receiver.requestsTo(path);
    if (!request) throw new Error('nothing received');
    for (const key of [secret, next])
      expect(() => new Webhook(key).verify(request.body, request.headers)).not.toThrow();
    const updated = await graphql(
      /* GraphQL */ `mutation U($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { eventTypes } }`,
      { id: endpoint.id, input: { eventTypes: ['customer.*', 'invoice.paid', 'invoice.paid'] } },
      asAdmin(tenantA),
    );
    expect(updated.body.data?.updateWebhookEndpoint).toEqual({ eventTypes: ['customer.*', 'invoice.paid'] });
    const deleted = await graphql(
      /* GraphQL */ `mutation D($id: ID!) { deleteWebhookEndpoint(id: $id) }`,
      { id: endpoint.id },
      asAdmin(tenantA),
    );
    expect(deleted.body.data?.deleteWebhookEndpoint).toBe(endpoint.id);
    const audit = await graphql(
      /* GraphQL */ `query A { auditLog(first: 100) { edges { node { action entityId } } } }`,
      {},
      asAdmin(tenantA),
    );
    const actions = audit.body.data?.auditLog.edges
      .map((edge: { node: { action: string; entityId: string } }) => edge.node)
      .filter((entry: { entityId: string }) => entry.entityId === endpoint.id)
      .map((entry: { action: string }) => entry.action);
    expect(actions).toEqual([
      'webhook_endpoint.create',
      'webhook_endpoint.rotate_secret',
      'webhook_endpoint.update',
      'webhook_endpoint.delete',
    ]);
  });
});
