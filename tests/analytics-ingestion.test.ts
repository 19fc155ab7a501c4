import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, hoursAgo, ingest, type IngestedEvent } from './support/analytics-api.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';

/**
 * Event ingestion through the gateway: batches are validated whole and written all or nothing,
 * idempotency keys make retries (even with another occurredAt), in-batch repeats and concurrent
 * copies count once, and each batch leaves one audit row.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

let actors: TenantActors;
const client = () => ({ token: actors.client.token });
const tenantEvents = () => db.analytics.event.count({ where: { tenantId: actors.tenant.id } });
const totalRollup = (granularity: 'HOUR' | 'DAY') =>
  db.analytics.metricRollup.aggregate({
    where: { tenantId: actors.tenant.id, metric: 'events.count', granularity, dimensionsHash: '' },
    _sum: { value: true },
  });

beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'analytics-ingest');
}, 60_000);

describe('ingestEvents', () => {
  it("stores a CLIENT's batch with every field, defaults occurredAt to now and answers per event", async () => {
    const before = Date.now();
    const customerId = crypto.randomUUID();
    const events = [
      anEvent({
        name: 'purchase',
        occurredAt: hoursAgo(2),
        data: { amount: 49, plan: 'pro' },
        userId: actors.client.id,
        customerId,
        sessionId: 's-1',
        pageUrl: 'https://app.example/checkout',
        pageTitle: 'Checkout',
        referrer: 'https://www.google.com/',
        device: 'desktop',
        browser: 'Firefox',
        os: 'Linux',
        country: 'de',
      }),
      anEvent(),
    ];
    const { body } = await ingest(client(), events);
    expect(body.errors).toBeUndefined();
    const result = body.data?.ingestEvents;
    expect(result).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(result.results.map((r: IngestedEvent) => [r.idempotencyKey, r.status])).toEqual(
      events.map((e) => [e.idempotencyKey, 'ACCEPTED']),
    );

    const stored = await db.analytics.event.findMany({
      where: { id: { in: result.results.map((r: IngestedEvent) => r.eventId) } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      tenantId: actors.tenant.id,
      name: 'purchase',
      data: { amount: 49, plan: 'pro' },
      userId: actors.client.id,
      customerId,
      sessionId: 's-1',
      country: 'DE',
      browser: 'Firefox',
    });
    expect(stored[1]!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(stored[1]!.occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('refuses 1,001 events in one call (BAD_USER_INPUT on events) and stores nothing', async () => {
    const count = await tenantEvents();
    const { body } = await ingest(
      client(),
      Array.from({ length: 1001 }, (_, i) => ({ idempotencyKey: `k${i}`, name: 'e' })),
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    expect(await tenantEvents()).toBe(count);
  });

  it('refuses an empty batch', async () => {
    const { body } = await ingest(client(), []);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
  });

  it.each([
    ['occurredAt', { occurredAt: hoursAgo(31 * 24) }],
    ['occurredAt', { occurredAt: hoursAgo(-1) }],
    ['idempotencyKey', { idempotencyKey: '' }],
    ['idempotencyKey', { idempotencyKey: 'k'.repeat(201) }],
    ['idempotencyKey', { idempotencyKey: 'nul\u0000key' }],
    ['pageUrl', { pageUrl: `https://example.test/${'p'.repeat(2048)}` }],
    ['occurredAt', { occurredAt: '0001-01-01T00:00:00.000Z' }],
    ['data', { data: { blob: 'x'.repeat(17 * 1024) } }],
    ['name', { name: '  ' }],
    ['country', { country: 'Germany' }],
    ['customerId', { customerId: 'not-a-uuid' }],
    ['tenantId', { tenantId: crypto.randomUUID() }],
  ])('one bad event (%s) refuses the whole batch with its path and stores nothing', async (field, bad) => {
    const count = await tenantEvents();
    const audits = await db.analytics.auditLog.count({ where: { tenantId: actors.tenant.id } });
    const events = [anEvent(), anEvent(), anEvent(bad), anEvent()];
    const { body } = await ingest(client(), events);
    if (field === 'tenantId') {
      expect(errorCode(body)).toBe('NOT_FOUND');
    } else {
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `events.2.${field}` });
    }
    expect(await tenantEvents()).toBe(count);
    expect(
      await db.analytics.eventIdempotencyKey.count({
        where: {
          tenantId: actors.tenant.id,
          // A key with NUL cannot even be looked up in PostgreSQL: the others of the batch must be absent.
          idempotencyKey: {
            in: events.map((e) => e.idempotencyKey as string).filter((key) => !key.includes('\u0000')),
          },
        },
      }),
    ).toBe(0);
    expect(await db.analytics.auditLog.count({ where: { tenantId: actors.tenant.id } })).toBe(audits);
  });

  it('a retried batch (same keys, occurredAt defaulted to another now) is answered DUPLICATE and counted once in events and rollups', async () => {
    const first = [
      anEvent({ occurredAt: hoursAgo(3) }),
      anEvent({ occurredAt: hoursAgo(30) }),
      anEvent({ name: 'signup', occurredAt: hoursAgo(50) }),
    ];
    const sent = await ingest(client(), first);
    expect(sent.body.data?.ingestEvents).toMatchObject({ accepted: 3, duplicates: 0 });
    const [events, hourly, daily] = await Promise.all([tenantEvents(), totalRollup('HOUR'), totalRollup('DAY')]);

    const retry = first.map(({ occurredAt: _dropped, ...event }) => event);
    const again = await ingest(client(), retry);
    expect(again.body.data?.ingestEvents.accepted).toBe(0);
    expect(again.body.data?.ingestEvents.duplicates).toBe(3);
    expect(again.body.data?.ingestEvents.results).toEqual(
      sent.body.data?.ingestEvents.results.map((r: IngestedEvent) => ({ ...r, status: 'DUPLICATE' })),
    );
    expect(await tenantEvents()).toBe(events);
    expect(await totalRollup('HOUR')).toEqual(hourly);
    expect(await totalRollup('DAY')).toEqual(daily);
  });

  it('a key repeated inside one batch is stored once; the repeats are duplicates of the first', async () => {
    const key = `dup-${crypto.randomUUID()}`;
    const count = await tenantEvents();
    const { body } = await ingest(client(), [
      anEvent({ idempotencyKey: key, occurredAt: hoursAgo(1) }),
      anEvent(),
      anEvent({ idempotencyKey: key, name: 'other' }),
    ]);
    const result = body.data?.ingestEvents;
    expect(result).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(result.results.map((r: IngestedEvent) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'DUPLICATE']);
    expect(result.results[2].eventId).toBe(result.results[0].eventId);
    expect(await tenantEvents()).toBe(count + 2);
    expect(
      (await db.analytics.event.findFirst({ where: { tenantId: actors.tenant.id, idempotencyKey: key } }))?.name,
    ).toBe('page_view');
  });

  it('four concurrent copies of one batch store its events once in total', async () => {
    const [events, daily] = await Promise.all([tenantEvents(), totalRollup('DAY')]);
    const batch = Array.from({ length: 50 }, (_, i) =>
      anEvent({ occurredAt: hoursAgo(i % 5), name: i % 2 ? 'click' : 'page_view' }),
    );
    const answers = await Promise.all(Array.from({ length: 4 }, () => ingest(client(), batch)));
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    const results = answers.map((answer) => answer.body.data?.ingestEvents);
    expect(results.reduce((sum, r) => sum + r.accepted, 0)).toBe(50);
    expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(150);
    const ids = new Set(results.flatMap((r) => r.results.map((e: IngestedEvent) => e.eventId)));
    expect(ids.size).toBe(50);
    expect(await tenantEvents()).toBe(events + 50);
    expect(Number((await totalRollup('DAY'))._sum.value) - Number(daily._sum.value ?? 0)).toBe(50);
  });

  it("writes one audit row per batch with its counts, readable by the tenant's ADMIN", async () => {
    const key = `audit-${crypto.randomUUID()}`;
    const { body } = await ingest(client(), [
      anEvent({ idempotencyKey: key }),
      anEvent({ idempotencyKey: key }),
      anEvent(),
    ]);
    const requestRows = await db.analytics.auditLog.findMany({
      where: { tenantId: actors.tenant.id, action: 'events.ingest' },
      orderBy: { createdAt: 'desc' },
      take: 1,
    });
    expect(body.data?.ingestEvents.accepted).toBe(2);
    expect(requestRows[0]).toMatchObject({
      entityType: 'EventBatch',
      actorId: actors.client.id,
      actorRole: 'CLIENT',
      changes: { received: 3, accepted: 2, duplicates: 1 },
    });

    const trail = await graphql(
      /* GraphQL */ `query { analyticsAuditLog(first: 100, entityType: "EventBatch") { totalCount edges { node { action actorId changes } } } }`,
      {},
      { headers: bearer(actors.admin.token) },
    );
    const entries = trail.body.data?.analyticsAuditLog.edges.map((edge: { node: { changes: string } }) => edge.node);
    expect(entries.at(-1)).toMatchObject({ action: 'events.ingest', actorId: actors.client.id });
    expect(JSON.parse(entries.at(-1).changes)).toEqual({ received: 3, accepted: 2, duplicates: 1 });
    const asClient = await graphql(
      `query { analyticsAuditLog { totalCount } }`,
      {},
      { headers: bearer(actors.client.token) },
    );
    expect(errorCode(asClient.body)).toBe('FORBIDDEN');
  });

  it('ingests a batch of 1,000 events in one call (timing printed)', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      idempotencyKey: `bulk-${crypto.randomUUID()}`,
      name: ['page_view', 'click', 'signup'][i % 3],
      occurredAt: hoursAgo(i % 72),
      data: { i },
      sessionId: `s-${i % 40}`,
      country: 'US',
    }));
    const count = await tenantEvents();
    const started = performance.now();
    const { body } = await ingest(client(), batch);
    const elapsed = performance.now() - started;
    expect(body.errors).toBeUndefined();
    expect(body.data?.ingestEvents).toMatchObject({ accepted: 1000, duplicates: 0 });
    expect(await tenantEvents()).toBe(count + 1000);
    const again = performance.now();
    const retried = await ingest(client(), batch);
    const retryElapsed = performance.now() - again;
    expect(retried.body.data?.ingestEvents).toMatchObject({ accepted: 0, duplicates: 1000 });
    console.info(
      `ingestEvents: 1,000 new events in ${elapsed.toFixed(0)} ms, the same 1,000 again (all duplicates) in ${retryElapsed.toFixed(0)} ms (through the gateway)`,
    );
  });
});
