import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTenant, demoUsers } from '@codex/kit';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, apiKey, hoursAgo, ingest, machineToken, metricSeriesQuery } from './support/analytics-api.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';

/**
 * Metric rollups kept by ingestion and read by `metricSeries`: after several batches across hours
 * and days (with retries and repeats) they equal a direct count of the stored events.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
let actors: TenantActors;
let other: TenantActors;
let superToken: string;
/** Fixed for the whole file, so the batches and the ranges asked agree. */
const now = Date.now();

const series = (token: string, variables: Record<string, unknown>) =>
  graphql(metricSeriesQuery, { metric: 'events.count', ...variables }, { headers: bearer(token) });
type Point = { periodStart: string; value: string };

/** The stored events of the tenant counted per period start (ms), straight from the events table. */
async function directCounts(tenantId: string, step: number, name?: string) {
  const events = await db.analytics.event.findMany({
    where: { tenantId, ...(name ? { name } : {}) },
    select: { occurredAt: true },
  });
  const counts = new Map<number, number>();
  for (const { occurredAt } of events) {
    const start = Math.floor(occurredAt.getTime() / step) * step;
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  return counts;
}

const asCounts = (points: Point[]) =>
  new Map(points.filter((p) => p.value !== '0').map((p) => [new Date(p.periodStart).getTime(), Number(p.value)]));

beforeAll(async () => {
  superToken = await superadminToken();
  [actors, other] = await Promise.all([
    createTenantWithUsers(superToken, 'analytics-rollups'),
    createTenantWithUsers(superToken, 'analytics-rollups-b'),
  ]);
  const machine = await machineToken(actors.admin.token, ['ANALYTICS_INGEST', 'ANALYTICS_READ']);
  const key = await apiKey(actors.admin.token, 'CLIENT');
  const names = ['page_view', 'click', 'signup'];
  const spread = (offset: number) =>
    Array.from({ length: 60 }, (_, i) =>
      anEvent({ name: names[(i + offset) % 3], occurredAt: hoursAgo((i * 7 + offset) % 80, now) }),
    );
  const [first, second, third] = [spread(0), spread(1), spread(2)];
  expect((await ingest({ token: actors.client.token }, first)).body.data?.ingestEvents.accepted).toBe(60);
  expect((await ingest({ apiKey: key }, [...second, ...first.slice(0, 10)])).body.data?.ingestEvents.accepted).toBe(60);
  expect((await ingest({ token: machine }, [...third, third[0]!, third[1]!])).body.data?.ingestEvents.accepted).toBe(
    60,
  );
  // A retry of the first batch, with occurredAt defaulted to now: nothing new.
  const retried = await ingest(
    { token: actors.client.token },
    first.map(({ occurredAt: _dropped, ...event }) => event),
  );
  expect(retried.body.data?.ingestEvents).toMatchObject({ accepted: 0, duplicates: 60 });
  await ingest({ token: other.client.token }, [anEvent({ occurredAt: hoursAgo(1, now) })]);
}, 90_000);

describe('metric rollups', () => {
  it.each([
    { granularity: 'HOUR', step: hourMs, eventName: undefined },
    { granularity: 'DAY', step: dayMs, eventName: undefined },
    { granularity: 'HOUR', step: hourMs, eventName: 'click' },
    { granularity: 'DAY', step: dayMs, eventName: 'signup' },
  ] as const)(
    '$granularity rollups (event name: $eventName) equal a direct count of the stored events',
    async ({ granularity, step, eventName }) => {
      const { body } = await series(actors.admin.token, {
        granularity,
        from: hoursAgo(4 * 24, now),
        to: new Date(now + hourMs).toISOString(),
        eventName,
      });
      expect(body.errors).toBeUndefined();
      const points = body.data?.metricSeries as Point[];
      expect(asCounts(points)).toEqual(await directCounts(actors.tenant.id, step, eventName));
      expect([...asCounts(points).values()].reduce((sum, n) => sum + n, 0)).toBe(eventName ? 60 : 180);
    },
  );

  it('lists every period of the range, empty ones as "0", oldest first, from rounded down to its period', async () => {
    const from = new Date(now - 10 * dayMs + 5 * 60_000);
    const { body } = await series(actors.client.token, {
      granularity: 'DAY',
      from: from.toISOString(),
      to: new Date(now).toISOString(),
    });
    const points = body.data?.metricSeries as Point[];
    const firstDay = Math.floor(from.getTime() / dayMs) * dayMs;
    expect(points[0]!.periodStart).toBe(new Date(firstDay).toISOString());
    expect(points.map((p) => new Date(p.periodStart).getTime())).toEqual(points.map((_, i) => firstDay + i * dayMs));
    expect(points.slice(0, 5).map((p) => p.value)).toEqual(['0', '0', '0', '0', '0']);
  });

  it('a SUPERADMIN reads one tenant with tenantId; an ADMIN naming another tenant gets zeros', async () => {
    const range = { granularity: 'DAY', from: hoursAgo(5 * 24, now), to: new Date(now + hourMs).toISOString() };
    const mine = await series(actors.admin.token, range);
    const bySuper = await series(superToken, { ...range, tenantId: actors.tenant.id });
    expect(bySuper.body.data?.metricSeries).toEqual(mine.body.data?.metricSeries);
    const foreign = await series(actors.admin.token, { ...range, tenantId: other.tenant.id });
    expect((foreign.body.data!.metricSeries as Point[]).every((p) => p.value === '0')).toBe(true);
  });

  it.each([
    [
      'more than 31 days of HOUR',
      { granularity: 'HOUR', from: hoursAgo(32 * 24, now), to: new Date(now).toISOString() },
      'to',
    ],
    [
      'more than 366 days of DAY',
      { granularity: 'DAY', from: hoursAgo(400 * 24, now), to: new Date(now).toISOString() },
      'to',
    ],
    ['to before from', { granularity: 'DAY', from: new Date(now).toISOString(), to: hoursAgo(24, now) }, 'to'],
    [
      'an unknown metric',
      { granularity: 'DAY', from: hoursAgo(24, now), to: new Date(now).toISOString(), metric: 'revenue' },
      'metric',
    ],
    [
      'an empty event name',
      { granularity: 'DAY', from: hoursAgo(24, now), to: new Date(now).toISOString(), eventName: ' ' },
      'eventName',
    ],
  ])('refuses %s (BAD_USER_INPUT)', async (_label, variables, field) => {
    const { body } = await series(actors.admin.token, variables);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('reads up to the last hour of 9999 without deriving a later date, and refuses bounds outside 1900…9999', async () => {
    const last = await series(actors.admin.token, {
      metric: 'events.count',
      granularity: 'HOUR',
      from: '9999-12-31T22:00:00.000Z',
      to: '9999-12-31T23:59:59.999Z',
    });
    expect(last.body.errors).toBeUndefined();
    expect(last.body.data?.metricSeries).toEqual([
      { periodStart: '9999-12-31T22:00:00.000Z', value: '0' },
      { periodStart: '9999-12-31T23:00:00.000Z', value: '0' },
    ]);
    const early = await series(actors.admin.token, {
      metric: 'events.count',
      granularity: 'DAY',
      from: '1899-12-31T00:00:00.000Z',
      to: '1900-01-02T00:00:00.000Z',
    });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('accepts 31 days of HOUR (744 points) and 366 days of DAY', async () => {
    const to = Math.floor(now / dayMs) * dayMs;
    const hours = await series(actors.admin.token, {
      granularity: 'HOUR',
      from: new Date(to - 31 * dayMs).toISOString(),
      to: new Date(to).toISOString(),
    });
    expect(hours.body.data?.metricSeries).toHaveLength(744);
    const days = await series(actors.admin.token, {
      granularity: 'DAY',
      from: new Date(to - 366 * dayMs).toISOString(),
      to: new Date(to).toISOString(),
    });
    expect(days.body.data?.metricSeries).toHaveLength(366);
  });

  it("the demo tenant's seeded rollups equal a direct count of its seeded events", async () => {
    const token = await login(demoUsers.admin.email, demoUsers.admin.password);
    const { body } = await series(token, {
      granularity: 'DAY',
      from: hoursAgo(32 * 24, now),
      to: new Date(now + hourMs).toISOString(),
    });
    expect(asCounts(body.data?.metricSeries)).toEqual(await directCounts(demoTenant.id, dayMs));
    const purchases = await series(token, {
      granularity: 'HOUR',
      from: hoursAgo(30 * 24, now),
      to: new Date(now + hourMs).toISOString(),
      eventName: 'purchase',
    });
    const direct = await directCounts(demoTenant.id, hourMs, 'purchase');
    const recent = new Map([...direct].filter(([start]) => start >= Math.floor((now - 30 * dayMs) / hourMs) * hourMs));
    expect(purchases.body.errors).toBeUndefined();
    expect(asCounts(purchases.body.data?.metricSeries)).toEqual(recent);
  });

  it('needs analytics:read for a machine client', async () => {
    const ingestOnly = await machineToken(actors.admin.token, ['ANALYTICS_INGEST']);
    const { body } = await series(ingestOnly, {
      granularity: 'DAY',
      from: hoursAgo(24, now),
      to: new Date(now).toISOString(),
    });
    expect(errorCode(body)).toBe('FORBIDDEN');
  });
});
