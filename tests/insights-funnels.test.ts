import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, ingest } from './support/analytics-api.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { bruteFunnel, brutePaths, bruteRetention, type KnownEvent } from './support/funnel-brute-force.ts';

/**
 * Funnels, retention and paths over a known, seeded event set, each compared with a brute-force
 * computation of the documented semantics; limits; widget results on dashboards.
 */
const dayMs = 86_400_000;
const hourMs = 3_600_000;
let actors: TenantActors;
let superToken: string;
const events: KnownEvent[] = [];
/** Day-aligned, 21 days ago: every event is younger than ingestion's 30 days. */
const base = Math.floor((Date.now() - 21 * dayMs) / dayMs) * dayMs;
const funnelFrom = base + 2 * dayMs;
const funnelTo = base + 9 * dayMs;

/** A small deterministic generator (mulberry32): the same events every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomEvents(): Omit<KnownEvent, 'id'>[] {
  const random = seeded(16);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const names = ['signup', 'activate', 'purchase', 'page_view', 'page_view'] as const;
  const countries = ['DE', 'FR', 'US', undefined] as const;
  return Array.from({ length: 40 }, (_, person) => {
    const userId = person < 30 ? randomUUID() : undefined;
    const sessions = [randomUUID(), randomUUID()];
    const home = pick(countries);
    return Array.from({ length: 3 + Math.floor(random() * 10) }, () => ({
      name: pick(names),
      at: base + Math.floor(random() * 14 * dayMs),
      userId,
      sessionId: pick(sessions),
      country: random() < 0.8 ? home : pick(countries),
    }));
  }).flat();
}

/** The edges the semantics name: out of order, the window's edge, same instant, the period's edges. */
function edgeEvents(): Omit<KnownEvent, 'id'>[] {
  const person = () => ({ userId: randomUUID(), sessionId: randomUUID(), country: 'SE' });
  const [a, b, c, d, e] = [person(), person(), person(), person(), person()];
  return [
    { ...a, name: 'activate', at: funnelFrom + hourMs },
    { ...a, name: 'signup', at: funnelFrom + 2 * hourMs },
    { ...b, name: 'signup', at: funnelFrom + 3 * hourMs },
    { ...b, name: 'activate', at: funnelFrom + 3 * hourMs + dayMs },
    { ...b, name: 'purchase', at: funnelFrom + 3 * hourMs + dayMs + 1 },
    { ...c, name: 'signup', at: funnelFrom + 5 * hourMs },
    { ...c, name: 'activate', at: funnelFrom + 5 * hourMs },
    { ...d, name: 'signup', at: funnelTo - 1 },
    { ...d, name: 'activate', at: funnelTo + hourMs },
    { ...e, name: 'signup', at: funnelTo },
    { ...e, name: 'activate', at: funnelTo + 1 },
  ];
}

async function ingestKnown(batch: Omit<KnownEvent, 'id'>[]) {
  const { body } = await ingest(
    { token: actors.client.token },
    batch.map((event) =>
      anEvent({
        name: event.name,
        occurredAt: new Date(event.at).toISOString(),
        userId: event.userId,
        sessionId: event.sessionId,
        country: event.country,
      }),
    ),
  );
  if (!body.data?.ingestEvents) throw new Error(`ingest failed: ${JSON.stringify(body.errors)}`);
  body.data.ingestEvents.results.forEach((result: { eventId: string }, index: number) => {
    events.push({ ...batch[index]!, id: result.eventId });
  });
}

const as = (token: string) => ({ headers: bearer(token) });
const iso = (at: number) => new Date(at).toISOString();

const funnelQuery = /* GraphQL */ `
  query F($input: FunnelInput!, $tenantId: ID) {
    funnel(input: $input, tenantId: $tenantId) {
      steps { name entered converted conversionRate medianSecondsToConvert }
      breakdown { value steps { name entered converted conversionRate medianSecondsToConvert } }
    }
  }
`;
const retentionQuery = /* GraphQL */ `
  query R($input: RetentionInput!) { retention(input: $input) { granularity cohorts { periodStart size retained } } }
`;
const pathsQuery = /* GraphQL */ `
  query P($input: EventPathsInput!) { eventPaths(input: $input) { events count } }
`;

beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'insights-funnels');
  await ingestKnown([...randomEvents(), ...edgeEvents()]);
}, 60_000);

const funnelInput = (steps: string[], windowSeconds: number, breakdown?: string) => ({
  steps: steps.map((name) => ({ name })),
  from: iso(funnelFrom),
  to: iso(funnelTo),
  conversionWindowSeconds: windowSeconds,
  ...(breakdown ? { breakdown } : {}),
});

/** Medians are floating point on both sides: compared to the millisecond. */
const closeTo = (expected: ReturnType<typeof bruteFunnel>['steps']) =>
  expected.map((step) => ({
    ...step,
    conversionRate: step.conversionRate === null ? null : expect.closeTo(step.conversionRate, 9),
    medianSecondsToConvert:
      step.medianSecondsToConvert === null ? null : expect.closeTo(step.medianSecondsToConvert, 3),
  }));

describe('funnels', () => {
  it.each([
    [['signup', 'activate', 'purchase'], 86_400],
    [['page_view', 'signup', 'activate', 'purchase'], 3 * 86_400],
    [['signup', 'signup'], 2 * 86_400],
  ])(
    '%j within %i s equals the brute force (order, window edges, same instant, period edges)',
    async (steps, window) => {
      const { body } = await graphql(funnelQuery, { input: funnelInput(steps, window) }, as(actors.admin.token));
      expect(body.errors).toBeUndefined();
      const expected = bruteFunnel(events, { steps, from: funnelFrom, to: funnelTo, windowMs: window * 1000 });
      expect(body.data?.funnel.steps).toEqual(closeTo(expected.steps));
      expect(expected.steps[1]!.entered).toBeGreaterThan(0);
    },
  );

  it('breaks down by the step-1 event’s country, most entrants first, exactly', async () => {
    const steps = ['signup', 'activate', 'purchase'];
    const { body } = await graphql(
      funnelQuery,
      { input: funnelInput(steps, 2 * 86_400, 'country') },
      as(actors.client.token),
    );
    const expected = bruteFunnel(events, { steps, from: funnelFrom, to: funnelTo, windowMs: 2 * dayMs }, true);
    expect(body.data?.funnel.breakdown).toEqual(
      expected.breakdown.map((row) => ({ ...row, steps: closeTo(row.steps) })),
    );
    expect(expected.breakdown.length).toBeGreaterThan(2);
  });

  it('step filters narrow a step’s events (merged from trends’ PropertyFilter)', async () => {
    const input = funnelInput(['signup', 'activate', 'purchase'], 86_400);
    input.steps[0] = { ...input.steps[0]!, filters: [{ property: 'country', operator: 'EQ', value: 'DE' }] } as never;
    const { body } = await graphql(funnelQuery, { input }, as(actors.admin.token));
    const germanSignups = events.filter((event) => event.name !== 'signup' || event.country === 'DE');
    const steps = ['signup', 'activate', 'purchase'];
    const expected = bruteFunnel(germanSignups, { steps, from: funnelFrom, to: funnelTo, windowMs: dayMs });
    expect(body.data?.funnel.steps).toEqual(closeTo(expected.steps));
  });

  it('an unknown breakdown property puts every attempt under null; an unknown event enters no one', async () => {
    const { body } = await graphql(
      funnelQuery,
      { input: funnelInput(['signup', 'no_such_event'], 86_400, 'data.nowhere') },
      as(actors.admin.token),
    );
    expect(body.data?.funnel.breakdown).toHaveLength(1);
    expect(body.data?.funnel.breakdown[0].value).toBeNull();
    expect(body.data?.funnel.steps[1]).toMatchObject({ entered: 0, converted: null });
  });

  it('a SUPERADMIN names the tenant; another tenant’s member reads nothing of it', async () => {
    const input = funnelInput(['signup', 'activate'], 86_400);
    const mine = await graphql(funnelQuery, { input }, as(actors.admin.token));
    const named = await graphql(funnelQuery, { input, tenantId: actors.tenant.id }, as(superToken));
    expect(named.body.data).toEqual(mine.body.data);
    const unnamed = await graphql(funnelQuery, { input }, as(superToken));
    expect(errorCode(unnamed.body)).toBe('BAD_USER_INPUT');
    const other = await createTenantWithUsers(superToken, 'insights-other');
    const foreign = await graphql(funnelQuery, { input, tenantId: actors.tenant.id }, as(other.admin.token));
    expect(foreign.body.data?.funnel.steps[0].entered).toBe(0);
  }, 30_000);
});

describe('retention and paths', () => {
  it.each([
    ['DAY', 14, base],
    ['WEEK', 3, base + 3 * dayMs],
  ] as const)('a %s triangle of %i periods equals the brute force', async (granularity, periods, from) => {
    const input = { startEvent: 'signup', returnEvent: 'page_view', granularity, from: iso(from), periods };
    const { body } = await graphql(retentionQuery, { input }, as(actors.client.token));
    expect(body.errors).toBeUndefined();
    const unitMs = granularity === 'DAY' ? dayMs : 7 * dayMs;
    const monday = 4 * dayMs;
    const start = granularity === 'DAY' ? from : Math.floor((from - monday) / unitMs) * unitMs + monday;
    const expected = bruteRetention(events, { startEvent: 'signup', returnEvent: 'page_view', start, unitMs, periods });
    expect(body.data?.retention.cohorts).toEqual(expected);
    expect(expected.some((cohort) => cohort.retained.slice(1).some((count) => count > 0))).toBe(true);
  });

  it.each([3, 1])('the next events after page_view, depth %i, equal the brute force', async (depth) => {
    const input = { startEvent: 'page_view', from: iso(base), to: iso(base + 14 * dayMs), depth, first: 50 };
    const { body } = await graphql(pathsQuery, { input }, as(actors.admin.token));
    expect(body.errors).toBeUndefined();
    const expected = brutePaths(events, { ...input, from: base, to: base + 14 * dayMs });
    expect(body.data?.eventPaths).toEqual(expected);
  });
});

describe('limits', () => {
  const tooMany = Array.from({ length: 11 }, (_, i) => `step${i}`);
  it.each([
    [funnelQuery, { input: funnelInput(tooMany, 60) }, 'funnel steps limit', 'input.steps'],
    [
      funnelQuery,
      { input: funnelInput(['a', 'b'], 32 * 86_400) },
      'conversion window limit',
      'input.conversionWindowSeconds',
    ],
    [
      funnelQuery,
      { input: { ...funnelInput(['a', 'b'], 60), to: iso(funnelFrom + 93 * dayMs) } },
      'period limit',
      'input.to',
    ],
    [
      retentionQuery,
      { input: { startEvent: 'a', returnEvent: 'b', granularity: 'DAY', from: iso(base), periods: 32 } },
      'retention periods limit',
      'input.periods',
    ],
    [
      pathsQuery,
      { input: { startEvent: 'a', from: iso(base), to: iso(base + dayMs), depth: 4 } },
      'path depth limit',
      'input.depth',
    ],
  ])('%#: BAD_USER_INPUT names the limit', async (query, variables, limit, field) => {
    const { body } = await graphql(query, variables, as(actors.admin.token));
    expect(errorCode(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(limit);
    expect(body.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('a breakdown with more than 50 values is refused, naming the limit', async () => {
    const many = await createTenantWithUsers(superToken, 'insights-many');
    const at = iso(funnelFrom + hourMs);
    await ingest(
      { token: many.client.token },
      Array.from({ length: 51 }, (_, i) =>
        anEvent({ name: 'signup', occurredAt: at, userId: randomUUID(), data: { k: i } }),
      ),
    );
    const { body } = await graphql(
      funnelQuery,
      { input: funnelInput(['signup', 'activate'], 60, 'data.k') },
      as(many.admin.token),
    );
    expect(errorCode(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('breakdown cardinality limit');
  }, 30_000);
});

const dashboardFields = 'id shared widgetResults { index type title result }';
const createDashboard = /* GraphQL */ `
  mutation C($input: CreateDashboardInput!) { createDashboard(input: $input) { ${dashboardFields} } }
`;
const shareMutation = /* GraphQL */ `mutation S($id: ID!) { createDashboardShareToken(id: $id) { token dashboard { id shared } } }`;
const revokeMutation = /* GraphQL */ `mutation R($id: ID!) { revokeDashboardShareToken(id: $id) }`;
const sharedQuery = /* GraphQL */ `
  query Shared($token: String!) { sharedDashboard(token: $token) { name widgets widgetResults { index type result } } }
`;

async function dashboard(input: Record<string, unknown>) {
  const { body } = await graphql(createDashboard, { input }, as(actors.admin.token));
  if (!body.data?.createDashboard) throw new Error(`createDashboard failed: ${JSON.stringify(body.errors)}`);
  return body.data.createDashboard as { id: string; widgetResults: { result: Record<string, unknown> | null }[] };
}

const funnelWidget = {
  type: 'funnel',
  metric: 'events.count',
  title: 'Signup funnel',
  query: funnelInput(['signup', 'activate', 'purchase'], 86_400),
};

const trendsQuery = /* GraphQL */ `query T($query: TrendsInput!) {
  trends(query: $query) { periods series { breakdownValue isOther values } }
}`;

describe('dashboard widgets', () => {
  it('each widget resolves its stored query; widgets stored without one keep working', async () => {
    const trend = {
      event: 'signup',
      interval: 'DAY',
      from: iso(base),
      to: iso(base + 21 * dayMs),
      breakdown: 'browser',
    };
    const retention = {
      startEvent: 'signup',
      returnEvent: 'page_view',
      granularity: 'DAY',
      from: iso(base),
      periods: 14,
    };
    const created = await dashboard({
      name: 'Computed',
      widgets: [
        funnelWidget,
        { type: 'retention', metric: 'events.count', title: 'Retention', query: retention },
        { type: 'number', metric: 'events.count', title: 'Events', granularity: 'DAY' },
        { type: 'funnel', metric: 'events.count', title: 'Not set up' },
        {
          type: 'paths',
          metric: 'events.count',
          title: 'After views',
          query: { startEvent: 'page_view', lastDays: 30 },
        },
        { type: 'trend', metric: 'events.count', title: 'Signups', query: trend },
      ],
    });
    const [funnel, cohorts, number, legacy, paths, signups] = created.widgetResults.map((widget) => widget.result);
    const trendAnswer = await graphql(trendsQuery, { query: trend }, as(actors.admin.token));
    expect(signups).toEqual({ kind: 'trend', ...trendAnswer.body.data?.trends });
    expect((signups?.series as unknown[] | undefined)?.length).toBeGreaterThan(0);
    const direct = await graphql(funnelQuery, { input: funnelWidget.query }, as(actors.admin.token));
    expect(funnel).toEqual({ kind: 'funnel', ...direct.body.data?.funnel });
    const triangle = await graphql(retentionQuery, { input: retention }, as(actors.admin.token));
    expect(cohorts).toEqual({ kind: 'retention', ...triangle.body.data?.retention });
    expect(number).toMatchObject({ kind: 'series', granularity: 'DAY', total: events.length });
    expect(number?.points).toHaveLength(30);
    expect(legacy).toBeNull();
    expect(paths).toMatchObject({ kind: 'paths' });
    expect((paths?.paths as unknown[] | undefined)?.length).toBeGreaterThan(0);
  });

  it('a widget query is validated against its insight’s input, naming the field and limit', async () => {
    const { body } = await graphql(
      createDashboard,
      { input: { name: 'Bad', widgets: [{ ...funnelWidget, query: { steps: [{ name: 'only' }] } }] } },
      as(actors.admin.token),
    );
    expect(errorCode(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.field).toBe('input.widgets.0.query.steps');
    expect(body.errors?.[0]?.message).toContain('funnel steps limit');
  });
});

describe('dashboard share tokens', () => {
  it('an ADMIN shares a public dashboard: the token reads it, read-only, and nothing else', async () => {
    const shared = await dashboard({ name: 'Shared', isPublic: true, widgets: [funnelWidget] });
    const other = await dashboard({ name: 'Other public', isPublic: true, widgets: [funnelWidget] });
    const created = await graphql(shareMutation, { id: shared.id }, as(actors.admin.token));
    const token = created.body.data?.createDashboardShareToken.token as string;
    expect(created.body.data?.createDashboardShareToken.dashboard).toEqual({ id: shared.id, shared: true });

    const read = await graphql(sharedQuery, { token });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.sharedDashboard).toMatchObject({ name: 'Shared', widgets: [funnelWidget] });
    expect(read.body.data?.sharedDashboard.widgetResults[0].result.kind).toBe('funnel');

    const [tenantId, , secret] = token.split('.');
    const forged = [
      `${tenantId}.${other.id}.${secret}`,
      `${randomUUID()}.${shared.id}.${secret}`,
      // The last character changed (one in 64 secrets already ends in A).
      `${tenantId}.${shared.id}.${secret!.slice(0, -1)}${secret!.endsWith('A') ? 'B' : 'A'}`,
      `${tenantId}.${shared.id}`,
      token.toUpperCase(),
    ];
    for (const attempt of forged)
      expect((await graphql(sharedQuery, { token: attempt })).body.data).toEqual({ sharedDashboard: null });

    // The token is no credential: as a bearer token or API key nothing else of the tenant opens.
    for (const headers of [bearer(token), { 'x-api-key': token }]) {
      const { body } = await graphql(
        /* GraphQL */ `{ dashboards { totalCount } events { totalCount } }`,
        {},
        { headers },
      );
      expect(body.data ?? null).toBeNull();
      expect(errorCode(body)).toBe('UNAUTHENTICATED');
    }
    const anonymous = await graphql(/* GraphQL */ `{ dashboard(id: "${shared.id}") { id } }`);
    expect(anonymous.body.data?.dashboard ?? null).toBeNull();
    const mutation = await graphql(revokeMutation, { id: shared.id }, { headers: bearer(token) });
    expect(mutation.body.data ?? null).toBeNull();
  });

  it('another tenant’s ADMIN can neither share, revoke nor read the dashboard through its id', async () => {
    const target = await dashboard({ name: 'Not yours', isPublic: true });
    const other = await createTenantWithUsers(superToken, 'insights-share-other');
    for (const mutation of [shareMutation, revokeMutation]) {
      const { body } = await graphql(mutation, { id: target.id }, as(other.admin.token));
      expect(errorCode(body)).toBe('NOT_FOUND');
    }
    const query = /* GraphQL */ `query D($id: ID!) { dashboard(id: $id) { id widgetResults { result } } }`;
    expect((await graphql(query, { id: target.id }, as(other.admin.token))).body.data).toEqual({ dashboard: null });
  }, 30_000);

  it('only public dashboards are shared; going private or revoking stops the token; CLIENTs cannot share', async () => {
    const hidden = await dashboard({ name: 'Private' });
    expect(errorCode((await graphql(shareMutation, { id: hidden.id }, as(actors.admin.token))).body)).toBe(
      'BAD_USER_INPUT',
    );
    const shared = await dashboard({ name: 'Soon private', isPublic: true });
    expect(errorCode((await graphql(shareMutation, { id: shared.id }, as(actors.client.token))).body)).toBe(
      'FORBIDDEN',
    );
    const { body } = await graphql(shareMutation, { id: shared.id }, as(actors.admin.token));
    const token = body.data?.createDashboardShareToken.token as string;
    const update = /* GraphQL */ `mutation U($id: ID!, $p: Boolean!) { updateDashboard(id: $id, input: { isPublic: $p }) { id } }`;
    await graphql(update, { id: shared.id, p: false }, as(actors.admin.token));
    expect((await graphql(sharedQuery, { token })).body.data?.sharedDashboard).toBeNull();
    await graphql(update, { id: shared.id, p: true }, as(actors.admin.token));
    expect((await graphql(sharedQuery, { token })).body.data?.sharedDashboard?.name).toBe('Soon private');
    expect((await graphql(revokeMutation, { id: shared.id }, as(actors.admin.token))).body.data).toEqual({
      revokeDashboardShareToken: true,
    });
    expect((await graphql(sharedQuery, { token })).body.data?.sharedDashboard).toBeNull();
  });
});
