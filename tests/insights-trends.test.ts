import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, ingest } from './support/analytics-api.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import {
  bruteActiveUsers,
  bruteTrend,
  matches,
  type Filter,
  type KnownEvent,
  type SeriesValues,
  type TrendAsked,
} from './support/insights-brute-force.ts';

/**
 * Trends and active users over a known set of events in a fresh tenant, each answer compared with
 * a brute-force computation over the same events (tests/support/insights-brute-force.ts).
 */
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const now = Date.now();
const today = Math.floor(now / dayMs) * dayMs;
const from = new Date(today - 24 * dayMs).toISOString();
const to = new Date(now).toISOString();

let actors: TenantActors;
let superToken: string;

/** ~300 events over 24 days: names, browsers, countries, plans and amounts in fixed patterns. */
function knownEvents(): KnownEvent[] {
  const users = Array.from({ length: 12 }, () => randomUUID());
  const names = ['$pageview', '$pageview', 'signup', 'purchase', '$pageview', 'click'];
  const browsers = ['Chrome', 'Chrome', 'Firefox', 'Safari', 'Edge', 'Chrome', 'Opera'];
  const plans = ['free', 'pro', 'team', undefined];
  return Array.from({ length: 300 }, (_, i) => {
    const name = names[i % names.length]!;
    const plan = plans[i % 4];
    const data: Record<string, unknown> = plan ? { plan } : {};
    if (name === 'purchase') data.amount = ((i * 37) % 200) + (i % 3) * 0.25;
    if (i % 11 === 0) data.nested = { level: i % 2 ? 'deep' : null };
    return {
      name,
      occurredAt: new Date(now - ((i * 7919) % (24 * dayMs - hourMs)) - 60_000).toISOString(),
      ...(i % 5 === 0 ? { sessionId: `session-${i % 9}` } : { userId: users[(i * 7) % users.length] }),
      pageUrl: `https://shop.example.com/${['', 'pricing', 'Docs/intro', 'checkout'][i % 4]}`,
      ...(i % 3 === 0 ? { referrer: 'https://www.google.com/' } : {}),
      browser: browsers[i % browsers.length],
      country: ['US', 'DE', 'FR', 'US', 'BR'][i % 5],
      data,
    };
  });
}

const events = knownEvents();

const trendQuery = /* GraphQL */ `
  query Trend($query: TrendsInput!, $tenantId: ID) {
    trends(query: $query, tenantId: $tenantId) { periods series { breakdownValue isOther values } }
  }
`;
const activeUsersQuery = /* GraphQL */ `
  query Active($query: ActiveUsersInput!, $tenantId: ID) {
    activeUsers(query: $query, tenantId: $tenantId) { day dau wau mau stickiness }
  }
`;

const askTrend = (query: Record<string, unknown>, token = actors.client.token, tenantId?: string) =>
  graphql(trendQuery, { query, tenantId }, { headers: bearer(token) });

const asNumbers = (series: { breakdownValue: string | null; isOther: boolean; values: string[] }[]) =>
  series.map((one) => ({ ...one, values: one.values.map(Number) }));

/** The API's trend equals the brute-force one (decimals to 1e-9). */
async function expectTrend(asked: TrendAsked) {
  const { body } = await askTrend({ ...asked });
  expect(body.errors).toBeUndefined();
  const expected: SeriesValues[] = bruteTrend(events, asked);
  const answered = asNumbers(body.data?.trends.series);
  expect(answered.map(({ values: _v, ...key }) => key)).toEqual(expected.map(({ values: _v, ...key }) => key));
  for (const [i, series] of answered.entries())
    for (const [p, value] of series.values.entries()) expect(value).toBeCloseTo(expected[i]!.values[p]!, 9);
  return body.data?.trends;
}

beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'insights-trends');
  const answer = await ingest(
    { token: actors.client.token },
    events.map((event) => anEvent(event as unknown as Record<string, unknown>)),
  );
  expect(answer.body.data?.ingestEvents.accepted).toBe(events.length);
}, 60_000);

describe('trends', () => {
  it.each(['HOUR', 'DAY', 'WEEK', 'MONTH'] as const)(
    'counts events per %s period, every period listed',
    async (interval) => {
      const span = interval === 'HOUR' ? { from: new Date(now - 2 * dayMs).toISOString(), to } : { from, to };
      const trend = await expectTrend({ interval, ...span });
      expect(trend.periods.length).toBe(trend.series[0].values.length);
    },
  );

  const filters: Filter[] = [
    { property: 'browser', operator: 'EQ', value: 'Chrome' },
    { property: 'country', operator: 'NEQ', value: 'US' },
    { property: 'pageUrl', operator: 'CONTAINS', value: 'docs/' },
    { property: 'data.plan', operator: 'IN', values: ['pro', 'team'] },
    { property: 'data.amount', operator: 'GT', value: '100' },
    { property: 'data.amount', operator: 'LT', value: '50.25' },
    { property: 'browser', operator: 'LT', value: 'F' },
    { property: 'data.plan', operator: 'IS_SET' },
    { property: 'referrer', operator: 'IS_NOT_SET' },
    { property: 'data.nested.level', operator: 'EQ', value: 'deep' },
    { property: 'data.nested.level', operator: 'IS_SET' },
    { property: 'data.plan', operator: 'NEQ', value: 'free' },
  ];
  it.each(filters)('filters by $property $operator', async (filter) => {
    expect(events.some((event) => matches(event, filter))).toBe(true);
    await expectTrend({ interval: 'DAY', from, to, filters: [filter] });
  });

  it('combines filters with an event name', () =>
    expectTrend({ interval: 'DAY', from, to, event: '$pageview', filters: [filters[0]!, filters[3]!] }));

  it('breaks down by a built-in property: the top values, then "other"', async () => {
    const trend = await expectTrend({ interval: 'DAY', from, to, breakdown: 'browser', breakdownLimit: 2 });
    expect(trend.series.at(-1).isOther).toBe(true);
  });

  it('breaks down by a data path, events without it as a null value', async () => {
    const trend = await expectTrend({ interval: 'WEEK', from, to, breakdown: 'data.plan' });
    expect(trend.series.some((series: SeriesValues) => series.breakdownValue === null && !series.isOther)).toBe(true);
  });

  it('counts unique users per breakdown value and in "other"', () =>
    expectTrend({ interval: 'DAY', from, to, measure: 'UNIQUE_USERS', breakdown: 'country', breakdownLimit: 2 }));

  it.each(['SUM', 'AVG', 'MIN', 'MAX'] as const)('aggregates a numeric data property: %s', (measure) =>
    expectTrend({
      interval: 'DAY',
      from,
      to,
      measure,
      property: 'data.amount',
      breakdown: 'browser',
      breakdownLimit: 3,
    }),
  );

  it('answers empty for unknown properties', async () => {
    const filtered = await askTrend({
      interval: 'DAY',
      from,
      to,
      filters: [{ property: 'nope', operator: 'IS_NOT_SET' }],
    });
    expect(filtered.body.data?.trends.series[0].values.every((value: string) => value === '0')).toBe(true);
    const broken = await askTrend({ interval: 'DAY', from, to, breakdown: 'nope' });
    expect(broken.body.data?.trends.series).toEqual([]);
    await expectTrend({ interval: 'DAY', from, to, breakdown: 'data.nope' });
  });

  it('is the same for the ADMIN and for a SUPERADMIN naming the tenant, who must name one', async () => {
    const asked = { interval: 'DAY', from, to, breakdown: 'country' };
    const client = await askTrend(asked);
    expect((await askTrend(asked, actors.admin.token)).body).toEqual(client.body);
    expect((await askTrend(asked, superToken, actors.tenant.id)).body).toEqual(client.body);
    expect(errorCode((await askTrend(asked, superToken)).body)).toBe('BAD_USER_INPUT');
  });

  it.each([
    [{ interval: 'HOUR', from: new Date(now - 40 * dayMs).toISOString(), to }, 'query.to', 'limit periods'],
    [
      { interval: 'DAY', from, to, breakdown: 'os', breakdownLimit: 26 },
      'query.breakdownLimit',
      'limit breakdownLimit',
    ],
    [
      { interval: 'DAY', from, to, filters: Array.from({ length: 21 }, () => filters[0]) },
      'query.filters',
      'limit filters',
    ],
    [
      { interval: 'DAY', from, to, filters: [{ property: 'os', operator: 'IN', values: Array(101).fill('x') }] },
      'query.filters.0.values',
      'limit inValues',
    ],
    [{ interval: 'DAY', from, to, measure: 'SUM' }, 'query.property', 'required'],
  ])('refuses a query over a cost limit, naming it: %j', async (query, field, words) => {
    const { body } = await askTrend(query);
    expect(errorCode(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.field).toBe(field);
    expect(body.errors?.[0]?.message).toContain(words);
  });
});

describe('active users', () => {
  const askActive = (query: Record<string, unknown>) =>
    graphql(activeUsersQuery, { query }, { headers: bearer(actors.admin.token) });

  it('gives DAU, WAU, MAU and stickiness per day', async () => {
    const { body } = await askActive({ from, to });
    expect(body.errors).toBeUndefined();
    expect(body.data?.activeUsers).toEqual(bruteActiveUsers(events, from, to));
  });

  it('counts only the events of a name that pass the filters', async () => {
    const filter: Filter = { property: 'browser', operator: 'IN', values: ['Chrome', 'Safari'] };
    const { body } = await askActive({ from, to, event: '$pageview', filters: [filter] });
    const selected = events.filter((event) => event.name === '$pageview' && matches(event, filter));
    expect(body.data?.activeUsers).toEqual(bruteActiveUsers(selected, from, to));
  });

  it('refuses more than 366 days, naming the limit', async () => {
    const { body } = await askActive({ from: '2024-01-01T00:00:00Z', to });
    expect(errorCode(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('limit periods');
  });
});
