import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTenants, withScope, type DataScope } from '@codex/kit';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, hoursAgo, ingest } from './support/analytics-api.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql } from './support/graphql.ts';
import { platformPartOf } from './support/platform-overview.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/**
 * Analytics' tenant summary and platform overview, kept by ingestion (stats, rollups, active
 * users) in the transaction that stores the events: every figure equals a direct computation over
 * the events, a batch shows at once, and `analytics_rebuild_tenant_stats()` rebuilds the same.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
let actors: TenantActors;
const users = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

const summaryFields = 'totalEvents eventsLast24h eventsLast30d uniqueUsers30d topEvents { name count }';
type Summary = {
  totalEvents: number;
  eventsLast24h: number;
  eventsLast30d: number;
  uniqueUsers30d: number;
  topEvents: { name: string; count: number }[];
};

const sql = <T>(scope: DataScope, text: string, ...values: unknown[]) =>
  withScope(db.analytics, scope, (tx) => tx.$queryRawUnsafe<T[]>(text, ...values));

/** The windows of the SDL, over the events themselves (`where` picks the tenant or all). */
const directSummary = async (where: string, ...values: unknown[]): Promise<Summary> => {
  const [figures] = await sql<Omit<Summary, 'topEvents'>>(
    allTenants,
    `SELECT count(*)::int AS "totalEvents",
       count(*) FILTER (WHERE date_trunc('hour', occurred_at, 'UTC') BETWEEN date_trunc('hour', now(), 'UTC') - interval '23 hours' AND date_trunc('hour', now(), 'UTC'))::int AS "eventsLast24h",
       count(*) FILTER (WHERE date_trunc('day', occurred_at, 'UTC') BETWEEN date_trunc('day', now(), 'UTC') - interval '29 days' AND date_trunc('day', now(), 'UTC'))::int AS "eventsLast30d",
       count(DISTINCT (tenant_id, user_id)) FILTER (WHERE user_id IS NOT NULL AND (occurred_at AT TIME ZONE 'UTC')::date >= (now() AT TIME ZONE 'UTC')::date - 29)::int AS "uniqueUsers30d"
     FROM events WHERE ${where}`,
    ...values,
  );
  const topEvents = await sql<{ name: string; count: number }>(
    allTenants,
    `SELECT name, count(*)::int AS count FROM events
     WHERE ${where} AND date_trunc('day', occurred_at, 'UTC') BETWEEN date_trunc('day', now(), 'UTC') - interval '29 days' AND date_trunc('day', now(), 'UTC')
     GROUP BY name ORDER BY count(*) DESC, name COLLATE "C" LIMIT 5`,
    ...values,
  );
  return { ...figures!, topEvents };
};

/** Reads `read` and `direct` in the same UTC hour, and again until nothing else wrote between two direct reads. */
async function agreeing<T, D>(read: () => Promise<T>, direct: () => Promise<D>): Promise<{ read: T; direct: D }> {
  for (let attempt = 0; ; attempt += 1) {
    const hour = Math.floor(Date.now() / hourMs);
    const before = await direct();
    const answer = await read();
    const after = await direct();
    const stable = JSON.stringify(before) === JSON.stringify(after) && Math.floor(Date.now() / hourMs) === hour;
    if (stable || attempt >= 20) return { read: answer, direct: after };
  }
}

const tenantSummary = async (tenantId: string, token: string): Promise<Summary> => {
  const { body } = await graphql(
    `query S($id: ID!) { tenant(id: $id) { analytics { ${summaryFields} } } }`,
    { id: tenantId },
    { headers: bearer(token) },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.tenant.analytics as Summary;
};

const platformSelection = `analytics { ${summaryFields} } topTenantsByEvents { tenant { id } events } eventGrowth { day count }`;
const platformOverview = async () => {
  const { body } = await platformPartOf('analytics', platformSelection);
  expect(body.errors).toBeUndefined();
  return body.data!._entities[0] as {
    id: string;
    analytics: Summary;
    topTenantsByEvents: { tenant: { id: string }; events: number }[];
    eventGrowth: { day: string; count: number }[];
  };
};

/** Names with distinct counts in the window (and a tie, broken by name), users repeated, some events outside the windows. */
function knownEvents(now: number) {
  const plan: [name: string, count: number][] = [
    ['page_view', 9],
    ['click', 6],
    ['signup', 4],
    ['b_tie', 3],
    ['a_tie', 3],
    ['rare', 1],
  ];
  const inWindow = plan.flatMap(([name, count]) =>
    Array.from({ length: count }, (_, i) => ({ name, hoursBack: (i * 37) % (28 * 24) })),
  );
  const edges = [0.2, 22.9, 23, 24.5, 25, 29 * 24 + 23].map((hoursBack) => ({ name: 'edge', hoursBack }));
  return [...inWindow, ...edges].map(({ name, hoursBack }, i) =>
    anEvent({ name, occurredAt: hoursAgo(hoursBack, now), userId: i % 5 === 4 ? null : users[i % users.length] }),
  );
}

beforeAll(async () => {
  const superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'analytics-summary');
  const { body } = await ingest({ token: actors.client.token }, knownEvents(Date.now()));
  expect(body.errors).toBeUndefined();
}, 90_000);

describe('tenant analytics summary', () => {
  it('equals, figure by figure, a direct computation over the tenant events with the documented windows', async () => {
    const { read, direct } = await agreeing(
      () => tenantSummary(actors.tenant.id, actors.admin.token),
      () => directSummary('tenant_id = $1::uuid', actors.tenant.id),
    );
    expect(read).toEqual(direct);
    expect(read.totalEvents).toBe(32);
    expect(read.uniqueUsers30d).toBe(4);
    expect(read.topEvents.slice(0, 2)).toEqual([
      { name: 'page_view', count: 9 },
      { name: 'click', count: 6 },
    ]);
    expect(read.topEvents.map((event) => event.name)).toContain('a_tie');
    expect(read.topEvents.map((event) => event.name)).not.toContain('b_tie');
  });

  it('shows a batch at once: new events, new users, and nothing for duplicates', async () => {
    const before = await tenantSummary(actors.tenant.id, actors.client.token);
    const newUser = randomUUID();
    const repeated = anEvent({ name: 'page_view', userId: newUser });
    const { body } = await ingest({ token: actors.client.token }, [
      repeated,
      repeated,
      anEvent({ name: 'page_view', userId: users[0] }),
      anEvent({ name: 'fresh' }),
    ]);
    expect(body.data?.ingestEvents).toMatchObject({ accepted: 3, duplicates: 1 });
    const after = await tenantSummary(actors.tenant.id, actors.client.token);
    expect(after.totalEvents - before.totalEvents).toBe(3);
    expect(after.eventsLast30d - before.eventsLast30d).toBe(3);
    expect(after.uniqueUsers30d - before.uniqueUsers30d).toBe(1);
    expect(after.topEvents[0]).toEqual({ name: 'page_view', count: before.topEvents[0]!.count + 2 });
    // The hour may turn between the reads: then only the three new events are in the window for sure.
    if (Math.floor(Date.now() / hourMs) === Math.floor((Date.now() - 1000) / hourMs))
      expect(after.eventsLast24h).toBeGreaterThanOrEqual(3);
    expect(after).toEqual(
      (
        await agreeing(
          () => tenantSummary(actors.tenant.id, actors.client.token),
          () => directSummary('tenant_id = $1::uuid', actors.tenant.id),
        )
      ).direct,
    );
  });

  it('is all zeros for a tenant without events', async () => {
    const empty = await createTenantWithUsers(await superadminToken(), 'analytics-summary-empty');
    expect(await tenantSummary(empty.tenant.id, empty.admin.token)).toEqual({
      totalEvents: 0,
      eventsLast24h: 0,
      eventsLast30d: 0,
      uniqueUsers30d: 0,
      topEvents: [],
    });
  });
});

describe('platform overview (analytics part)', () => {
  it('sums every tenant: the summary equals a direct computation over all events', async () => {
    const { read, direct } = await agreeing(
      async () => (await platformOverview()).analytics,
      () => directSummary('true'),
    );
    expect(read).toEqual(direct);
  });

  it('lists the top 10 tenants by events of the 30-day window and 30 days of event growth', async () => {
    const topDirect = () =>
      sql<{ id: string; events: number }>(
        allTenants,
        `SELECT tenant_id::text AS id, count(*)::int AS events FROM events
         WHERE date_trunc('day', occurred_at, 'UTC') BETWEEN date_trunc('day', now(), 'UTC') - interval '29 days' AND date_trunc('day', now(), 'UTC')
         GROUP BY tenant_id ORDER BY 2 DESC, 1 LIMIT 10`,
      );
    const growthDirect = () =>
      sql<{ day: Date; count: number }>(
        allTenants,
        `SELECT date_trunc('day', occurred_at, 'UTC') AS day, count(*)::int AS count FROM events
         WHERE date_trunc('day', occurred_at, 'UTC') >= date_trunc('day', now(), 'UTC') - interval '29 days' GROUP BY 1`,
      );
    const { read, direct } = await agreeing(platformOverview, async () => ({
      top: await topDirect(),
      growth: await growthDirect(),
    }));
    expect(read.id).toBe('platform');
    expect(read.topTenantsByEvents.map((row) => ({ id: row.tenant.id, events: row.events }))).toEqual(direct.top);
    const today = Math.floor(Date.now() / dayMs) * dayMs;
    expect(read.eventGrowth.map((point) => point.day)).toEqual(
      Array.from({ length: 30 }, (_, i) => new Date(today - (29 - i) * dayMs).toISOString()),
    );
    const perDay = new Map(direct.growth.map((row) => [new Date(row.day).toISOString(), row.count]));
    expect(read.eventGrowth).toEqual(
      read.eventGrowth.map((point) => ({ day: point.day, count: perDay.get(point.day) ?? 0 })),
    );
  });

  it('shows a tenant batch in the platform total at once', async () => {
    const before = (await platformOverview()).analytics.totalEvents;
    await ingest({ token: actors.client.token }, [anEvent(), anEvent()]);
    expect((await platformOverview()).analytics.totalEvents - before).toBeGreaterThanOrEqual(2);
  });

  it('is for SUPERADMINs only', async () => {
    const { body } = await platformPartOf('analytics', platformSelection, identityOf('ADMIN', actors.tenant.id));
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.data?._entities ?? [])).not.toContain('totalEvents":');
  });
});

describe('analytics_rebuild_tenant_stats()', () => {
  const maintained = (tenantId: string) =>
    sql<{ kind: string; row: unknown }>(
      { kind: 'tenant', tenantId },
      `SELECT 'stats' AS kind, jsonb_build_object('total', total_events) AS row FROM tenant_event_stats
       UNION ALL SELECT 'user', jsonb_build_object('user', user_id, 'day', last_seen_day) FROM tenant_active_users
       UNION ALL SELECT 'rollup', jsonb_build_object('g', granularity, 'p', period_start, 'h', dimensions_hash, 'd', dimensions, 'v', value, 'n', sample_count) FROM metric_rollups WHERE metric = 'events.count'
       UNION ALL SELECT 'key', jsonb_build_object('k', idempotency_key, 'e', event_id) FROM event_idempotency_keys
       ORDER BY 1, 2`,
    );
  const rebuild = (tenantId: string) =>
    withScope(db.analytics, { kind: 'tenant', tenantId }, (tx) =>
      tx.$executeRawUnsafe('SELECT analytics_rebuild_tenant_stats()'),
    );

  it('reproduces exactly what ingestion maintained', async () => {
    const before = await maintained(actors.tenant.id);
    expect(before.length).toBeGreaterThan(30);
    await rebuild(actors.tenant.id);
    expect(await maintained(actors.tenant.id)).toEqual(before);
  });

  const summaryOf = async (tenantId: string) => {
    const entityQuery = `query T($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { analytics { ${summaryFields} } } } }`;
    const { body } = await subgraphRequest('analytics', entityQuery, {
      identity: identityOf('SUPERADMIN', null),
      variables: { r: [{ __typename: 'Tenant', id: tenantId }] },
    });
    expect(body.errors).toBeUndefined();
    return body.data!._entities[0].analytics as Summary;
  };
  const expectSummaryExact = async (tenantId: string) => {
    const { read, direct } = await agreeing(
      () => summaryOf(tenantId),
      () => directSummary('tenant_id = $1::uuid', tenantId),
    );
    expect(read).toEqual(direct);
    return read;
  };

  it('after a bulk load with the triggers disabled, brings everything to what ingestion would have written', async () => {
    const tenantId = randomUUID();
    await withScope(db.analytics, { kind: 'tenant', tenantId }, async (tx) => {
      // As the scale seeder does; the table lock keeps other writers out until commit.
      await tx.$executeRawUnsafe('ALTER TABLE events DISABLE TRIGGER USER');
      await tx.$executeRawUnsafe(
        `INSERT INTO events (tenant_id, occurred_at, idempotency_key, name, user_id)
         SELECT $1::uuid, now() - make_interval(hours => i * 7), 'bulk-' || i, CASE WHEN i % 3 = 0 THEN 'click' ELSE 'page_view' END,
                CASE WHEN i % 4 = 0 THEN NULL ELSE $2::uuid END
         FROM generate_series(0, 199) AS i`,
        tenantId,
        users[0],
      );
      await tx.$executeRawUnsafe('ALTER TABLE events ENABLE TRIGGER USER');
      await tx.$executeRawUnsafe('SELECT analytics_rebuild_tenant_stats()');
    });
    const [counts] = await sql<{ keys: number; total: number }>(
      { kind: 'tenant', tenantId },
      'SELECT (SELECT count(*) FROM event_idempotency_keys)::int AS keys, (SELECT total_events FROM tenant_event_stats)::int AS total',
    );
    expect(counts).toEqual({ keys: 200, total: 200 });
    expect((await expectSummaryExact(tenantId)).totalEvents).toBe(200);
  });

  it('keeps the figures through writes made around ingestion (raw SQL inserts, updates, deletes), as a rebuild would', async () => {
    const tenantId = randomUUID();
    const scope: DataScope = { kind: 'tenant', tenantId };
    const write = (text: string, ...values: unknown[]) =>
      withScope(db.analytics, scope, (tx) => tx.$executeRawUnsafe(text, tenantId, ...values));
    await write(
      `INSERT INTO events (tenant_id, occurred_at, idempotency_key, name, user_id)
       SELECT $1::uuid, now() - make_interval(hours => i * 5), 'raw-' || i, CASE WHEN i % 3 = 0 THEN 'click' ELSE 'view' END,
              CASE i % 3 WHEN 0 THEN $2::uuid WHEN 1 THEN $3::uuid END
       FROM generate_series(0, 59) AS i`,
      users[1],
      users[2],
    );
    expect((await expectSummaryExact(tenantId)).totalEvents).toBe(60);
    await write(
      `UPDATE events SET name = 'renamed', user_id = $2::uuid WHERE tenant_id = $1::uuid AND idempotency_key IN ('raw-0', 'raw-3', 'raw-4')`,
      users[2],
    );
    await write(
      `UPDATE events SET occurred_at = occurred_at - interval '40 days' WHERE tenant_id = $1::uuid AND idempotency_key = 'raw-1'`,
    );
    const updated = await expectSummaryExact(tenantId);
    expect(updated.topEvents).toContainEqual({ name: 'renamed', count: 3 });
    expect(updated.eventsLast30d).toBe(59);
    await write(`DELETE FROM events WHERE tenant_id = $1::uuid AND user_id = $2::uuid`, users[1]);
    const deleted = await expectSummaryExact(tenantId);
    expect(deleted.uniqueUsers30d).toBe(1);
    // The rebuild changes no figure (it only claims the keys of the events raw SQL wrote without any).
    const figures = async () => (await maintained(tenantId)).filter((row) => row.kind !== 'key');
    const before = await figures();
    await rebuild(tenantId);
    expect(await figures()).toEqual(before);
    await write(`DELETE FROM events WHERE tenant_id = $1::uuid`);
    expect(await figures()).toEqual([]);
    expect(await expectSummaryExact(tenantId)).toEqual({
      totalEvents: 0,
      eventsLast24h: 0,
      eventsLast30d: 0,
      uniqueUsers30d: 0,
      topEvents: [],
    });
  });
});

describe('platform_event_rollups', () => {
  /**
   * Per shard, period and name, the platform rollups against the sum of every tenant's rollups, in
   * one statement (one snapshot, so concurrent ingestion by other test files cannot tear it): rows
   * that differ or exist on one side only.
   */
  const mismatches = async () =>
    sql<{
      granularity: string;
      period: Date;
      name: string;
      shard: number;
      platform: string | null;
      tenants: string | null;
    }>(
      allTenants,
      `WITH platform AS (
         SELECT granularity, period_start, name, shard, events FROM platform_event_rollups
       ), tenants AS (
         SELECT granularity, period_start, coalesce(dimensions->>'name', '') AS name, analytics_platform_shard(tenant_id) AS shard, sum(value)::bigint AS events
         FROM metric_rollups WHERE metric = 'events.count' GROUP BY 1, 2, 3, 4
       )
       SELECT granularity, period_start AS period, name, shard, p.events::text AS platform, t.events::text AS tenants
       FROM platform p FULL JOIN tenants t USING (granularity, period_start, name, shard)
       WHERE p.events IS DISTINCT FROM t.events`,
    );

  it('always equal the sum of every tenant rollups: through ingestion, raw SQL writes and one-tenant rebuilds', async () => {
    const tenantId = randomUUID();
    const scope: DataScope = { kind: 'tenant', tenantId };
    const write = (text: string) => withScope(db.analytics, scope, (tx) => tx.$executeRawUnsafe(text, tenantId));
    await write(
      `INSERT INTO events (tenant_id, occurred_at, idempotency_key, name)
       SELECT $1::uuid, now() - make_interval(hours => i * 11), 'platform-' || i, CASE WHEN i % 2 = 0 THEN 'click' ELSE 'view' END
       FROM generate_series(0, 79) AS i`,
    );
    expect(await mismatches()).toEqual([]);
    await write(
      `UPDATE events SET name = 'moved', occurred_at = occurred_at - interval '3 days' WHERE tenant_id = $1::uuid AND idempotency_key LIKE 'platform-1%'`,
    );
    await write(`DELETE FROM events WHERE tenant_id = $1::uuid AND idempotency_key LIKE 'platform-2%'`);
    expect(await mismatches()).toEqual([]);
    await withScope(db.analytics, scope, async (tx) => {
      // A bulk load without the triggers leaves the platform rollups behind until the rebuild.
      await tx.$executeRawUnsafe('ALTER TABLE events DISABLE TRIGGER USER');
      await tx.$executeRawUnsafe(
        `INSERT INTO events (tenant_id, occurred_at, idempotency_key, name) SELECT $1::uuid, now() - make_interval(days => i), 'bulk-' || i, 'bulk' FROM generate_series(0, 9) AS i`,
        tenantId,
      );
      await tx.$executeRawUnsafe('ALTER TABLE events ENABLE TRIGGER USER');
      await tx.$executeRawUnsafe('SELECT analytics_rebuild_tenant_stats()');
    });
    expect(await mismatches()).toEqual([]);
    await write(`DELETE FROM events WHERE tenant_id = $1::uuid`);
    expect(await mismatches()).toEqual([]);
  });
});
