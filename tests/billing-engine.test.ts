import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createCrmCustomer,
  createMeteredPlan,
  createMetric,
  createPlan,
  dataOf,
  subscribe,
  type ChargeSpec,
} from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
let b: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  [a, b] = await Promise.all([
    createTenantWithUsers(superToken, 'bill-eng-a'),
    createTenantWithUsers(superToken, 'bill-eng-b'),
  ]);
}, 60_000);

const dayMs = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * dayMs).toISOString();
const failure = (response: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => [
  errorCode(response.body as never),
  response.body.errors?.[0]?.extensions?.field,
];

const tiers = [
  { fromValue: '0', toValue: '100', perUnitAmount: '0' },
  { fromValue: '100', toValue: '1000', perUnitAmount: '0.10', flatAmount: '5' },
  { fromValue: '1000', toValue: null, perUnitAmount: '0.05' },
];
const everyModel: ChargeSpec[] = [
  { code: 'units', aggregation: 'SUM', fieldName: 'units', model: 'GRADUATED', properties: { tiers } },
  { code: 'seats', aggregation: 'LATEST', fieldName: 'seats', model: 'VOLUME', properties: { tiers } },
  {
    code: 'storage',
    aggregation: 'MAX',
    fieldName: 'gb',
    model: 'PACKAGE',
    properties: { packageSize: 100, amount: '2' },
    freeUnits: '50',
  },
  {
    code: 'users',
    aggregation: 'UNIQUE_COUNT',
    fieldName: 'user',
    model: 'STANDARD',
    properties: { unitAmount: '1.5' },
  },
  {
    code: 'payments',
    aggregation: 'SUM',
    fieldName: 'amount',
    model: 'PERCENTAGE',
    properties: { rate: '2.5', fixedAmount: '0.30', perEventMin: '0.50', perEventMax: '5' },
  },
];

const recordEvents = /* GraphQL */ `mutation ($events: [RecordUsageInput!]!) { recordUsageEvents(events: $events) { id value } }`;
const upcoming = /* GraphQL */ `query ($id: ID!) {
  upcomingInvoice(subscriptionId: $id) {
    currency billingReason periodStart usageFrom usageTo subtotal discount tax total
    lines { kind description quantity amount chargeId billableMetric { code } details }
  }
}`;

async function meteredSubscription(tenant: TenantActors, startedDaysAgo = 10) {
  const { plan, codes } = await createMeteredPlan(superToken, tenant.tenant.id, everyModel, { amount: '20' });
  const subscription = await subscribe(tenant.admin.token, {
    customerId: await createCrmCustomer(db, tenant.tenant.id),
    planId: plan.id,
    startAt: daysAgo(startedDaysAgo),
  });
  return { plan, codes, subscription };
}

describe('upcomingInvoice', () => {
  it('prices each charge model over the usage since the last invoice, as computed by hand', async () => {
    const { codes, subscription } = await meteredSubscription(a);
    const event = (metric: string, properties: Record<string, unknown>, days: number) => ({
      subscriptionId: subscription.id,
      metric: codes[metric],
      properties,
      occurredAt: daysAgo(days),
      idempotencyKey: randomUUID(),
    });
    const events = [
      event('units', { units: 600 }, 9),
      event('units', { units: '900' }, 8),
      event('seats', { seats: 50 }, 9),
      event('seats', { seats: 1000 }, 2),
      event('storage', { gb: 120 }, 7),
      event('storage', { gb: 250 }, 6),
      event('users', { user: 'ann' }, 5),
      event('users', { user: 'bob' }, 5),
      event('users', { user: 'ann' }, 4),
      event('payments', { amount: 10 }, 3),
      event('payments', { amount: 100 }, 3),
      event('payments', { amount: 1000 }, 2),
    ];
    dataOf(await as(a.admin.token, recordEvents, { events }));
    const invoice = dataOf(await as(a.client.token, upcoming, { id: subscription.id })).upcomingInvoice;
    // GRADUATED 1,500 units: 100 × 0 + (900 × 0.10 + 5) + 500 × 0.05 = 120.
    // VOLUME latest 1,000 seats: the second tier prices all, 1,000 × 0.10 + 5 = 105.
    // PACKAGE max 250 GB − 50 free = 200 → 2 blocks × 2 = 4.
    // STANDARD 2 unique users × 1.5 = 3.
    // PERCENTAGE 2.5 % + 0.30 per event within [0.50, 5]: 0.55 + 2.80 + 5 = 8.35.
    expect(invoice.lines.map((line: { kind: string; amount: string }) => [line.kind, line.amount])).toEqual([
      ['USAGE', '120'],
      ['USAGE', '105'],
      ['USAGE', '4'],
      ['USAGE', '3'],
      ['USAGE', '8.35'],
    ]);
    expect(invoice).toMatchObject({
      currency: 'USD',
      billingReason: 'SUBSCRIPTION_CYCLE',
      periodStart: null,
      subtotal: '240.35',
      discount: '0',
      tax: '0',
      total: '240.35',
    });
    expect(
      invoice.lines[0].details.tiers.map((tier: { units: string; amount: string }) => [tier.units, tier.amount]),
    ).toEqual([
      ['100', '0'],
      ['900', '95'],
      ['500', '25'],
    ]);
    expect(invoice.lines[0].billableMetric.code).toBe(codes.units);
  });

  it('is null for a subscription of another tenant and for a missing id', async () => {
    const { subscription } = await meteredSubscription(b);
    for (const id of [subscription.id, randomUUID(), 'nope']) {
      expect(dataOf(await as(a.admin.token, upcoming, { id })).upcomingInvoice).toBeNull();
    }
    expect(dataOf(await as(b.client.token, upcoming, { id: subscription.id })).upcomingInvoice).not.toBeNull();
  });
});

describe('usage events', () => {
  it('records a batch once: the same keys again answer with the first events', async () => {
    const { codes, subscription } = await meteredSubscription(a);
    const events = [1, 2, 3].map((units) => ({
      subscriptionId: subscription.id,
      metric: codes.units,
      properties: { units },
      occurredAt: daysAgo(1),
      idempotencyKey: `batch-${subscription.id}-${units}`,
    }));
    const first = dataOf(await as(a.admin.token, recordEvents, { events })).recordUsageEvents;
    const again = dataOf(await as(a.admin.token, recordEvents, { events })).recordUsageEvents;
    expect(again).toEqual(first);
    expect(first.map((event: { value: string }) => event.value)).toEqual(['1', '2', '3']);
    expect(await db.billing.usageEvent.count({ where: { subscriptionId: subscription.id } })).toBe(3);
  });

  it('refuses a batch with one bad event (negative, unknown metric) naming it, and writes none of it', async () => {
    const { codes, subscription } = await meteredSubscription(a);
    const good = (units: unknown) => ({
      subscriptionId: subscription.id,
      metric: codes.units,
      properties: { units },
      occurredAt: daysAgo(1),
      idempotencyKey: randomUUID(),
    });
    const cases: [Record<string, unknown>[], string][] = [
      [[good(1), good(2), good(-3)], 'events.2.properties.units'],
      [[good(1), good('ten')], 'events.1.properties.units'],
      [[good(1), { ...good(1), metric: 'no_such_metric' }], 'events.1.metric'],
      [[{ ...good(1), occurredAt: daysAgo(30) }], 'events.0.occurredAt'],
    ];
    for (const [events, field] of cases) {
      expect(failure(await as(a.admin.token, recordEvents, { events }))).toEqual(['BAD_USER_INPUT', field]);
    }
    expect(await db.billing.usageEvent.count({ where: { subscriptionId: subscription.id } })).toBe(0);
  });
});

describe('plan charges', () => {
  const createPlanMutation = /* GraphQL */ `mutation ($input: CreatePlanInput!) { createPlan(input: $input) { id } }`;

  it('refuses overlapping tiers, an unknown or foreign metric, a mismatched currency and a PERCENTAGE on a non-SUM metric, writing nothing', async () => {
    const metric = await createMetric(superToken, a.tenant.id, {
      code: `calls_${randomUUID().slice(0, 8)}`,
      aggregation: 'COUNT',
    });
    const foreign = await createMetric(superToken, b.tenant.id, {
      code: `calls_${randomUUID().slice(0, 8)}`,
      aggregation: 'COUNT',
    });
    const overlapping = [
      { fromValue: 0, toValue: 100, perUnitAmount: '1' },
      { fromValue: 50, toValue: null, perUnitAmount: '1' },
    ];
    const charge = (changes: Record<string, unknown>) => ({
      billableMetricId: metric.id,
      model: 'STANDARD',
      properties: { unitAmount: '1' },
      ...changes,
    });
    const cases: [Record<string, unknown>, string][] = [
      [
        charge({ model: 'GRADUATED', properties: { tiers: overlapping } }),
        'input.charges.0.properties.tiers.1.fromValue',
      ],
      [
        charge({ model: 'PACKAGE', properties: { packageSize: 0, amount: '1' } }),
        'input.charges.0.properties.packageSize',
      ],
      [charge({ billableMetricId: randomUUID() }), 'input.charges.0.billableMetricId'],
      [charge({ billableMetricId: foreign.id }), 'input.charges.0.billableMetricId'],
      [charge({ currency: 'EUR' }), 'input.charges.0.currency'],
      [charge({ model: 'PERCENTAGE', properties: { rate: '1' } }), 'input.charges.0.model'],
      [charge({ freeUnits: '-1' }), 'input.charges.0.freeUnits'],
    ];
    const plansBefore = await db.billing.plan.count({ where: { tenantId: a.tenant.id } });
    for (const [given, field] of cases) {
      const input = {
        name: `P ${randomUUID()}`,
        amount: '1',
        currency: 'USD',
        interval: 'MONTH',
        tenantId: a.tenant.id,
        charges: [given],
      };
      expect(failure(await as(superToken, createPlanMutation, { input })), field).toEqual(['BAD_USER_INPUT', field]);
    }
    expect(await db.billing.plan.count({ where: { tenantId: a.tenant.id } })).toBe(plansBefore);
    expect(await db.billing.planCharge.count({ where: { billableMetricId: metric.id } })).toBe(0);
  });

  it('are read back in order and replaced as a whole by updatePlan', async () => {
    const { plan, codes } = await createMeteredPlan(superToken, a.tenant.id, everyModel.slice(0, 2));
    const read = /* GraphQL */ `query ($id: ID!) { plan(id: $id) { charges { model freeUnits billableMetric { code } properties } } }`;
    const charges = dataOf(await as(a.client.token, read, { id: plan.id })).plan.charges;
    expect(charges.map((each: { billableMetric: { code: string } }) => each.billableMetric.code)).toEqual([
      codes.units,
      codes.seats,
    ]);
    const metric = await createMetric(superToken, a.tenant.id, {
      code: `only_${randomUUID().slice(0, 8)}`,
      aggregation: 'COUNT',
    });
    const update = /* GraphQL */ `mutation ($id: ID!, $input: UpdatePlanInput!) { updatePlan(id: $id, input: $input) { id } }`;
    const only = [{ billableMetricId: metric.id, model: 'STANDARD', properties: { unitAmount: 2 } }];
    dataOf(await as(superToken, update, { id: plan.id, input: { charges: only } }));
    const after = dataOf(await as(a.client.token, read, { id: plan.id })).plan.charges;
    expect(after).toEqual([
      { model: 'STANDARD', freeUnits: '0', billableMetric: { code: metric.code }, properties: { unitAmount: '2' } },
    ]);
  });

  it('metrics are SUPERADMIN writes: an ADMIN is FORBIDDEN', async () => {
    const response = await as(
      a.admin.token,
      /* GraphQL */ `mutation { createBillableMetric(input: { code: "x", name: "x", aggregation: COUNT }) { id } }`,
    );
    expect(errorCode(response.body)).toBe('FORBIDDEN');
    expect(createPlan).toBeTypeOf('function');
  });
});
