import { randomUUID } from 'node:crypto';
import { allTenants, type TransactionClient, withScope } from '@codex/kit';
import { percentageSql, Prisma, usageFigures, windowUsage, type UsageAsk } from '@codex/subgraph-billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCrmCustomer, createMetric, createPlan, dataOf, subscribe } from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';

/**
 * The hourly rollup (`usage_hours`, kept by a trigger on usage_events) must give exactly the raw
 * path's figures: every aggregation and PERCENTAGE pricing, on windows that start and end
 * mid-hour, on hour boundaries and inside one hour, with events exactly on the boundaries.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

const hourMs = 3_600_000;
const minute = 60_000;
const aggregations = ['COUNT', 'SUM', 'MAX', 'UNIQUE_COUNT', 'LATEST'] as const;
const metricKinds = [
  { key: 'count', aggregation: 'COUNT' },
  { key: 'sum', aggregation: 'SUM', fieldName: 'v' },
  { key: 'max', aggregation: 'MAX', fieldName: 'v' },
  { key: 'users', aggregation: 'UNIQUE_COUNT', fieldName: 'u' },
  { key: 'latest', aggregation: 'LATEST', fieldName: 'v' },
] as const;

/** [ms after the base hour, value]: per hour all fees at the minimum, none held, all at the maximum, mixed… */
const events: [number, string][] = [
  [0, '1'],
  [10 * minute, '2'],
  [hourMs - 1, '3'],
  [hourMs, '10'],
  [90 * minute, '20'],
  [90 * minute, '15'],
  [2 * hourMs + 1, '200'],
  [165 * minute, '300'],
  [3 * hourMs, '5'],
  [200 * minute, '50'],
  [220 * minute, '500'],
  [250 * minute, '0'],
  [290 * minute, '7'],
  [5 * hourMs, '100'],
  [6 * hourMs - 1, '0.000000000001'],
  [7 * hourMs, '12.5'],
];
const windows: [number, number][] = [
  [30 * minute, 270 * minute],
  [0, 5 * hourMs],
  [1, 6 * hourMs - 1],
  [10 * minute, 50 * minute],
  [hourMs - 1, 3 * hourMs + 1],
  [-hourMs, 8 * hourMs],
  [90 * minute, 90 * minute + 1],
  [3 * hourMs, 3 * hourMs],
];
const percentages = [
  { freeUnits: '0', rate: '2.5', fixedAmount: '0.30', perEventMin: '0.50', perEventMax: '5' },
  { freeUnits: '30', rate: '2.5', fixedAmount: '0.30', perEventMin: '0.50', perEventMax: '5' },
  { freeUnits: '6', rate: '2.5', fixedAmount: '0.30', perEventMin: '0.50', perEventMax: '5' },
  { freeUnits: '0', rate: '1.5', fixedAmount: '0', perEventMin: null, perEventMax: null },
  { freeUnits: '100', rate: '10', fixedAmount: '0.05', perEventMin: '1', perEventMax: null },
  { freeUnits: '0', rate: '3', fixedAmount: '0.2', perEventMin: null, perEventMax: '4' },
];

let superToken: string;
let tenant: TenantActors;
let subscriptionId: string;
const metrics: Record<string, { id: string; code: string }> = {};
let base: number;

const recordEvents = /* GraphQL */ `mutation ($events: [RecordUsageInput!]!) { recordUsageEvents(events: $events) { id } }`;
const normal = (value: string | number | null | undefined) => new Prisma.Decimal(value ?? 0).toFixed();
type Tx = TransactionClient<typeof db.billing>;
const scoped = <T>(work: (tx: Tx) => Promise<T>) => withScope(db.billing, allTenants, work);

function batch(part: number) {
  return events.flatMap(([offset, value], index) =>
    index % 2 === part
      ? metricKinds.map(({ key }) => ({
          subscriptionId,
          metric: metrics[key]?.code,
          properties: { v: value, u: ['ann', 'bob', 'cy'][index % 3] },
          occurredAt: new Date(base + offset).toISOString(),
          idempotencyKey: `${key}-${index}-${subscriptionId}`,
        }))
      : [],
  );
}

beforeAll(async () => {
  superToken = await superadminToken();
  tenant = await createTenantWithUsers(superToken, 'bill-hours');
  const suffix = randomUUID().slice(0, 8);
  for (const { key, ...metric } of metricKinds)
    metrics[key] = await createMetric(superToken, tenant.tenant.id, { ...metric, code: `${key}_${suffix}` });
  const plan = await createPlan(superToken, tenant.tenant.id);
  const startAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const customerId = await createCrmCustomer(db, tenant.tenant.id);
  subscriptionId = (await subscribe(tenant.admin.token, { customerId, planId: plan.id, startAt })).id;
  base = Math.floor(Date.now() / hourMs) * hourMs - 40 * hourMs;
  // Two batches, each touching every hour, and the first re-sent: the hours merge, a re-send adds nothing.
  for (const part of [0, 1, 0]) dataOf(await as(tenant.admin.token, recordEvents, { events: batch(part) }));
}, 60_000);

const windowOf = ([from, to]: [number, number]) => ({ from: new Date(base + from), to: new Date(base + to) });

/** The old raw statement over the window's events (`percentageSql` on usage_events). */
function rawPercentage(metricId: string, window: { from: Date; to: Date }, props: (typeof percentages)[number]) {
  const source = `usage_events WHERE subscription_id = $1::uuid AND billable_metric_id = $2::uuid AND occurred_at >= $3 AND occurred_at < $4`;
  const sql = percentageSql(source, 'SUM', ['$5', '$6', '$7', '$8', '$9']);
  const { freeUnits, rate, fixedAmount, perEventMin, perEventMax } = props;
  return scoped(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ percentage: Record<string, string> }[]>(
      sql,
      subscriptionId,
      metricId,
      window.from,
      window.to,
      freeUnits,
      rate,
      fixedAmount,
      perEventMin,
      perEventMax,
    );
    return row?.percentage;
  });
}

const normalFigures = (figures: Record<string, string> | null | undefined) =>
  figures && Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, normal(value)]));

async function expectRollupEqualsRaw() {
  for (const span of windows) {
    const window = windowOf(span);
    const asks: UsageAsk[] = Object.values(metrics).flatMap((metric) => [
      { subscriptionId, metricId: metric.id, window },
      ...percentages.map((percentage) => ({ subscriptionId, metricId: metric.id, window, percentage })),
    ]);
    const [rollup, raw] = await scoped((tx) =>
      Promise.all([usageFigures(tx, asks), usageFigures(tx, asks, { raw: true })]),
    );
    for (const [k, ask] of asks.entries()) {
      const label = `${span} ${ask.metricId} ${JSON.stringify(ask.percentage)}`;
      for (const aggregation of aggregations) {
        const reference = await scoped((tx) =>
          windowUsage(tx, subscriptionId, { id: ask.metricId, aggregation }, window),
        );
        expect(normal(rollup[k]?.[aggregation]), `${label} ${aggregation}`).toBe(reference.aggregate.toFixed());
        expect(normal(raw[k]?.[aggregation]), `${label} ${aggregation} raw`).toBe(reference.aggregate.toFixed());
      }
      const expected = ask.percentage ? await rawPercentage(ask.metricId, window, ask.percentage) : null;
      expect(normalFigures(rollup[k]?.percentage), label).toEqual(normalFigures(expected));
      expect(normalFigures(raw[k]?.percentage), `${label} raw`).toEqual(normalFigures(expected));
    }
  }
}

describe('the hourly usage rollup', () => {
  it('holds each event once, re-sends included, in the whole hours of the window', async () => {
    const [row] = await scoped((tx) =>
      tx.$queryRawUnsafe<{ hours: number; events: number; raw: number }[]>(
        `SELECT (SELECT count(*) FROM usage_hours WHERE subscription_id = $1::uuid)::int AS hours,
                (SELECT sum(events) FROM usage_hours WHERE subscription_id = $1::uuid)::int AS events,
                (SELECT count(*) FROM usage_events WHERE subscription_id = $1::uuid)::int AS raw`,
        subscriptionId,
      ),
    );
    expect(row).toEqual({ hours: 7 * metricKinds.length, events: events.length * metricKinds.length, raw: 80 });
  });

  it('gives the raw path’s figures for every aggregation and PERCENTAGE, edges mid-hour and on the hour', async () => {
    await expectRollupEqualsRaw();
  });

  it('recounts an hour when one of its events is deleted by hand', async () => {
    await scoped((tx) =>
      tx.$executeRawUnsafe(
        `DELETE FROM usage_events WHERE subscription_id = $1::uuid AND occurred_at = $2`,
        subscriptionId,
        new Date(base + 200 * minute),
      ),
    );
    await expectRollupEqualsRaw();
  });
});
