import { randomUUID } from 'node:crypto';
import {
  allTenants,
  createLogger,
  followDomainEvents,
  gatewayKey,
  gatewayTokenHeader,
  recordEvent,
  signGatewayToken,
  withScope,
  type DomainEvent,
  type SubgraphName,
  subgraphNames,
} from '@codex/kit';
import { pruneDomainEvents } from '@codex/kit/domain-events-prune';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestMutation, anEvent } from './support/analytics-api.ts';
import { connectDatabases, type Databases } from './support/databases.ts';
import { eventually } from './support/expectations.ts';
import { freePort, graphqlUrlOf, startSubgraph } from './support/service-control.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';
import { graphql } from './support/graphql.ts';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';

const logger = createLogger({ service: 'domain-events-test', level: 'warn' });
let db: Databases;
let actors: TenantActors;

beforeAll(async () => {
  db = connectDatabases();
  actors = await createTenantWithUsers(await superadminToken(), 'events');
});
afterAll(() => db.disconnect());

/** The newest seq in CRM's outbox now: a follower started after it sees only what comes next. */
const crmHead = async () => String((await db.crm.domainEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n);

/** Follows one service's stream after `after` into `seen`; `until` waits for an event to arrive. */
function follow(service: SubgraphName, url: string, after: string | null) {
  const seen: DomainEvent[] = [];
  const follower = followDomainEvents({
    sources: [{ service, url }],
    secret: inject('gatewaySecret'),
    after: () => after,
    onEvent: async (event) => void seen.push(event),
    logger,
    retryDelayMs: 50,
  });
  const until = (entityId: string) =>
    eventually(async () => expect(seen.map((event) => event.entityId)).toContain(entityId), 20_000);
  return { seen, until, stop: follower.stop };
}

const createCustomerMutation = /* GraphQL */ `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;

/** A customer created straight on a CRM subgraph (the shared one, or `url`) by an ADMIN of `tenantId`. */
async function createCustomerOn(tenantId: string, url?: string): Promise<string> {
  const unique = randomUUID().slice(0, 8);
  const { body } = await subgraphRequest('crm', createCustomerMutation, {
    identity: identityOf('ADMIN', tenantId),
    variables: { input: { email: `ev-${unique}@example.test`, firstName: 'Eve', lastName: unique } },
    ...(url ? { url } : {}),
  });
  if (!body.data?.createCustomer) throw new Error(`createCustomer failed: ${JSON.stringify(body.errors)}`);
  return body.data.createCustomer.id as string;
}

const eventsOf = (entityId: string) => db.crm.domainEvent.findMany({ where: { entityId }, orderBy: { seq: 'asc' } });

describe('domain events are written with the change', () => {
  it('a committed change has exactly one event with its type, tenant, entity, payload and request id', async () => {
    const requestId = `events-test-${randomUUID()}`;
    const headers = { ...bearer(actors.admin.token), 'x-request-id': requestId };
    const email = `events-${randomUUID().slice(0, 8)}@example.test`;
    const created = await graphql(
      createCustomerMutation,
      { input: { email, firstName: 'Ada', lastName: 'Lovelace' } },
      { headers },
    );
    const id = created.body.data?.createCustomer.id as string;
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'customer.created', tenantId: actors.tenant.id, entityId: id, requestId });
    expect(events[0]!.payload).toMatchObject({ id, email, firstName: 'Ada', lastName: 'Lovelace', status: 'ACTIVE' });

    const update = /* GraphQL */ `mutation ($id: ID!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, input: $input) { id } }`;
    await graphql(update, { id, input: { company: 'Analytical Engines' } }, { headers });
    const [, updated] = await eventsOf(id);
    expect(updated).toMatchObject({ type: 'customer.updated', requestId });
    expect(updated!.payload).toMatchObject({ company: 'Analytical Engines', changedFields: ['company'] });
  });

  it('a transaction that rolls back after recording its event leaves no event and sends no notification', async () => {
    const listener = new pg.Client({ connectionString: inject('databaseUrls').crm });
    const notified: string[] = [];
    listener.on('notification', (message) => notified.push(message.payload ?? ''));
    await listener.connect();
    await listener.query('LISTEN domain_events');
    try {
      const marker = randomUUID();
      let rolledBack = '';
      const failing = withScope(db.crm, allTenants, async (tx) => {
        rolledBack = (
          await recordEvent(tx, { type: 'test.rolled_back', tenantId: null, entityId: marker, payload: {} })
        ).seq;
        throw new Error('the change fails after its event was recorded');
      });
      await expect(failing).rejects.toThrow('after its event');
      // A later commit's notification arrives after any earlier one would have.
      const committed = await withScope(db.crm, allTenants, (tx) =>
        recordEvent(tx, { type: 'test.committed', tenantId: null, entityId: randomUUID(), payload: {} }),
      );
      await eventually(async () => expect(notified).toContain(committed.seq));
      expect(notified).not.toContain(rolledBack);
      expect(await eventsOf(marker)).toEqual([]);
    } finally {
      await listener.end();
    }
  });

  it('a write refused inside its transaction (a taken email) records no event', async () => {
    const headers = bearer(actors.admin.token);
    const input = (email: string) => ({ input: { email, firstName: 'Bo', lastName: 'Peep' } });
    const taken = `taken-${randomUUID().slice(0, 8)}@example.test`;
    await graphql(createCustomerMutation, input(taken), { headers });
    const other = await graphql(createCustomerMutation, input(`other-${randomUUID()}@example.test`), { headers });
    const id = other.body.data?.createCustomer.id as string;
    const update = /* GraphQL */ `mutation ($id: ID!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, input: $input) { id } }`;
    const refused = await graphql(update, { id, input: { email: taken } }, { headers });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await eventsOf(id)).map((event) => event.type)).toEqual(['customer.created']);
  });
});

describe('GET /internal/events', () => {
  const crmUrl = () => inject('subgraphUrls').crm;
  const eventsUrl = () => new URL('/internal/events', crmUrl());

  it('refuses callers without the gateway signature, or signed with another secret', async () => {
    expect((await fetch(eventsUrl())).status).toBe(401);
    const forged = await signGatewayToken(gatewayKey(`not-the-secret-${randomUUID()}`), {
      requestId: randomUUID(),
      clientIp: null,
      identity: null,
    });
    expect((await fetch(eventsUrl(), { headers: { [gatewayTokenHeader]: forged } })).status).toBe(401);
  });

  it('streams the backlog after a seq oldest first, then live events, and resumes after a seq', async () => {
    const tenantId = randomUUID();
    const head = await crmHead();
    const first = await createCustomerOn(tenantId);
    const stream = follow('crm', crmUrl(), head);
    try {
      await stream.until(first);
      const second = await createCustomerOn(tenantId);
      await stream.until(second);
      const ours = stream.seen.filter((event) => event.tenantId === tenantId);
      expect(ours.map((event) => event.entityId)).toEqual([first, second]);
      const seqs = stream.seen.map((event) => BigInt(event.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));

      const resumed = follow('crm', crmUrl(), ours[0]!.seq);
      await resumed.until(second);
      await resumed.stop();
      expect(resumed.seen.map((event) => event.entityId)).not.toContain(first);
    } finally {
      await stream.stop();
    }
  });
});

describe('a crash between commit and delivery', () => {
  it('a subgraph killed after the commit delivers the event once it is back, exactly once, to a durable cursor', async () => {
    const port = await freePort();
    const url = graphqlUrlOf(port);
    let crm = await startSubgraph('crm', port);
    const tenantId = randomUUID();
    try {
      const cursor = await crmHead();
      const written = await createCustomerOn(tenantId, url);
      expect(await eventsOf(written)).toHaveLength(1);
      crm.child.kill('SIGKILL');
      await crm.exited;
      crm = await startSubgraph('crm', port);

      const stream = follow('crm', url, cursor);
      try {
        await stream.until(written);
        const later = await createCustomerOn(tenantId, url);
        await stream.until(later);
        expect(stream.seen.filter((event) => event.entityId === written)).toHaveLength(1);
      } finally {
        await stream.stop();
      }
    } finally {
      await crm.stop();
    }
    // Two subgraph starts (pg-boss and migrations checked each time) on a busy machine.
  }, 120_000);
});

describe('events.ingested', () => {
  it('is one event per ingestion batch, with the counts', async () => {
    const tenantId = randomUUID();
    const identity = identityOf('CLIENT', tenantId);
    const batch = [anEvent(), anEvent(), anEvent()];
    const send = () => subgraphRequest('analytics', ingestMutation, { identity, variables: { events: batch } });
    expect((await send()).body.data?.ingestEvents.accepted).toBe(3);
    expect((await send()).body.data?.ingestEvents.duplicates).toBe(3);
    const events = await db.analytics.domainEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['events.ingested', 'events.ingested']);
    expect(events[0]!.payload).toMatchObject({ received: 3, accepted: 3, duplicates: 0 });
    expect(events[1]!.payload).toMatchObject({ received: 3, accepted: 0, duplicates: 3 });
    expect(events[0]!.entityId).not.toBe(events[1]!.entityId);
  });
});

describe('retention', () => {
  it('every service runs the prune task, which deletes events older than the retention and keeps the rest', async () => {
    for (const service of subgraphNames) {
      const ready = await fetch(new URL('/health/ready', inject('subgraphUrls')[service]));
      const body = (await ready.json()) as { checks: { jobs?: { tasks?: string[] } } };
      expect(body.checks.jobs?.tasks).toContain(`${service}.prune-domain-events`);
    }
    const record = (entityId: string) =>
      withScope(db.crm, allTenants, (tx) =>
        recordEvent(tx, { type: 'test.retention', tenantId: null, entityId, payload: {} }),
      );
    const [old, recent] = [randomUUID(), randomUUID()];
    await record(old);
    await record(recent);
    const now = new Date();
    await db.crm.domainEvent.updateMany({
      where: { entityId: old },
      data: { occurredAt: new Date(now.getTime() - 8 * 24 * 3600_000) },
    });
    expect(await pruneDomainEvents(db.crm, 7, now)).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(old)).toEqual([]);
    expect(await eventsOf(recent)).toHaveLength(1);
  });
});
