import { randomUUID } from 'node:crypto';
import { demoCustomerId, demoTenant } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, hoursAgo, ingest, machineToken } from './support/analytics-api.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql, type AnswerJson } from './support/graphql.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/** Reading events: the paginated list (filters, order, cursors), one by id, and the joins to users and customers. */
const db = connectDatabases();
afterAll(() => db.disconnect());

let actors: TenantActors;
let superToken: string;
const customers = [randomUUID(), randomUUID()];
const sessionId = `session-${randomUUID()}`;
/** The tenant's events, oldest first: ids by position. */
let ids: string[] = [];

const eventsQuery = /* GraphQL */ `
  query Events($first: Int, $after: String, $filter: EventFilter, $orderBy: EventOrder, $tenantId: ID) {
    events(first: $first, after: $after, filter: $filter, orderBy: $orderBy, tenantId: $tenantId) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name occurredAt } }
    }
  }
`;
const listEvents = (token: string, variables: Record<string, unknown> = {}) =>
  graphql(eventsQuery, variables, { headers: bearer(token) });
const idsOf = (body: { data?: Record<string, AnswerJson> | null }) =>
  body.data?.events.edges.map((edge: { node: { id: string } }) => edge.node.id);

beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'analytics-events');
  // The events name CRM customers of their own tenant (Customer.recentEvents takes the tenant from CRM).
  for (const [index, id] of customers.entries())
    await db.crm.customer.create({
      data: {
        id,
        tenantId: actors.tenant.id,
        email: `c${index}-${id}@example.test`,
        firstName: 'Event',
        lastName: `C${index}`,
      },
    });
  const events = [
    anEvent({ name: 'page_view', occurredAt: hoursAgo(10), customerId: customers[0], sessionId }),
    anEvent({ name: 'click', occurredAt: hoursAgo(8), customerId: customers[0], userId: actors.client.id, sessionId }),
    anEvent({ name: 'page_view', occurredAt: hoursAgo(6), customerId: customers[1] }),
    anEvent({ name: 'purchase', occurredAt: hoursAgo(4), customerId: customers[0], userId: actors.client.id }),
    anEvent({ name: 'page_view', occurredAt: hoursAgo(2) }),
  ];
  const { body } = await ingest({ token: actors.client.token }, events);
  ids = body.data?.ingestEvents.results.map((result: { eventId: string }) => result.eventId);
}, 60_000);

describe('events list', () => {
  it("lists the tenant's events newest first and pages through them with cursors", async () => {
    const first = await listEvents(actors.admin.token, { first: 2 });
    expect(first.body.data?.events.totalCount).toBe(5);
    expect(idsOf(first.body)).toEqual([ids[4], ids[3]]);
    expect(first.body.data?.events.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await listEvents(actors.admin.token, {
      first: 2,
      after: first.body.data?.events.pageInfo.endCursor,
    });
    expect(idsOf(second.body)).toEqual([ids[2], ids[1]]);
    expect(second.body.data?.events.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const last = await listEvents(actors.admin.token, { first: 2, after: second.body.data?.events.pageInfo.endCursor });
    expect(idsOf(last.body)).toEqual([ids[0]]);
    expect(last.body.data?.events.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const empty = await listEvents(actors.admin.token, { first: 0 });
    expect(empty.body.data?.events).toMatchObject({
      totalCount: 5,
      edges: [],
      pageInfo: { hasNextPage: true, startCursor: null, endCursor: null },
    });
  });

  it('sorts oldest first on request and refuses a cursor of another order', async () => {
    const ascending = await listEvents(actors.client.token, { orderBy: { field: 'OCCURRED_AT', direction: 'ASC' } });
    expect(idsOf(ascending.body)).toEqual(ids);
    const newest = await listEvents(actors.client.token, { first: 1 });
    const mixed = await listEvents(actors.client.token, {
      after: newest.body.data?.events.pageInfo.endCursor,
      orderBy: { field: 'OCCURRED_AT', direction: 'ASC' },
    });
    expect(mixed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it.each([
    ['name', { name: 'page_view' }, [4, 2, 0]],
    ['customerId', { customerId: customers[0] }, [3, 1, 0]],
    ['sessionId', { sessionId }, [1, 0]],
    ['from and to', { from: hoursAgo(7), to: hoursAgo(3) }, [3, 2]],
  ])('filters by %s', async (_label, filter, positions) => {
    const userFilter = await listEvents(actors.admin.token, { filter });
    expect(idsOf(userFilter.body)).toEqual(positions.map((position) => ids[position]));
    expect(userFilter.body.data?.events.totalCount).toBe(positions.length);
  });

  it('filters by user', async () => {
    const { body } = await listEvents(actors.admin.token, { filter: { userId: actors.client.id } });
    expect(idsOf(body)).toEqual([ids[3], ids[1]]);
  });

  it.each([
    [{ first: 101 }, 'first'],
    [{ first: -1 }, 'first'],
    [{ after: 'garbage' }, 'after'],
    [{ filter: { userId: 'nope' } }, 'filter.userId'],
    [{ tenantId: 'nope' }, 'tenantId'],
  ])('refuses %j (BAD_USER_INPUT)', async (variables, field) => {
    const { body } = await listEvents(actors.admin.token, variables);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('lets a SUPERADMIN narrow to one tenant, and a machine client read only with analytics:read', async () => {
    const narrowed = await listEvents(superToken, { tenantId: actors.tenant.id, first: 100 });
    expect(narrowed.body.data?.events.totalCount).toBe(5);
    const reader = await machineToken(actors.admin.token, ['ANALYTICS_READ']);
    expect((await listEvents(reader)).body.data?.events.totalCount).toBe(5);
    const ingestOnly = await machineToken(actors.admin.token, ['ANALYTICS_INGEST']);
    expect(errorCode((await listEvents(ingestOnly)).body)).toBe('FORBIDDEN');
    expect(errorCode((await graphql(eventsQuery, {})).body)).toBe('UNAUTHENTICATED');
  });
});

describe('one event and its joins', () => {
  const eventQuery = /* GraphQL */ `
    query Event($id: ID!) {
      event(id: $id) { id tenantId name idempotencyKey data userId user { id } customerId customer { id recentEvents(first: 2) { id } } receivedAt }
    }
  `;

  it("returns an event with its user and customer references, and the customer's newest events", async () => {
    const { body } = await graphql(eventQuery, { id: ids[3] }, { headers: bearer(actors.client.token) });
    expect(body.errors).toBeUndefined();
    expect(body.data?.event).toMatchObject({
      id: ids[3],
      tenantId: actors.tenant.id,
      name: 'purchase',
      data: {},
      user: { id: actors.client.id },
      customer: { id: customers[0], recentEvents: [{ id: ids[3] }, { id: ids[1] }] },
    });
  });

  it('answers null for a missing id or one that is not a UUID', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const { body } = await graphql(eventQuery, { id }, { headers: bearer(actors.admin.token) });
      expect(body.errors).toBeUndefined();
      expect(body.data?.event).toBeNull();
    }
  });

  it('resolves Customer.recentEvents for many customers in one request, newest first, bounded', async () => {
    const query = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Customer { recentEvents(first: $first) { id } } } }`;
    const representations = [...customers, randomUUID(), 'not-a-uuid'].map((id) => ({ __typename: 'Customer', id }));
    const identity = identityOf('CLIENT', actors.tenant.id);
    const { body } = await subgraphRequest('analytics', query, {
      identity,
      variables: { r: representations, first: 10 },
    });
    expect(body.errors).toBeUndefined();
    expect(
      body.data._entities.map((customer: { recentEvents: { id: string }[] }) =>
        customer.recentEvents.map((event) => event.id),
      ),
    ).toEqual([[ids[3], ids[1], ids[0]], [ids[2]], [], []]);
    const bounded = await subgraphRequest('analytics', query, {
      identity,
      variables: { r: representations.slice(0, 1), first: 101 },
    });
    expect(bounded.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const foreign = await subgraphRequest('analytics', query, {
      identity: identityOf('ADMIN', randomUUID()),
      variables: { r: representations, first: 10 },
    });
    expect(
      foreign.body.data._entities.every((customer: { recentEvents: unknown[] }) => customer.recentEvents.length === 0),
    ).toBe(true);
  });

  it('joins a CRM customer to its recent events through the gateway', async () => {
    const customer = await db.crm.customer.create({
      data: {
        tenantId: actors.tenant.id,
        email: `c-${randomUUID()}@example.test`,
        firstName: 'Ada',
        lastName: 'Events',
      },
    });
    const sent = await ingest(
      { token: actors.client.token },
      [1, 3, 2].map((hours) =>
        anEvent({ name: `seen-${hours}`, occurredAt: hoursAgo(hours), customerId: customer.id }),
      ),
    );
    expect(sent.body.data?.ingestEvents.accepted).toBe(3);
    const query = /* GraphQL */ `query($id: ID!) { customer(id: $id) { email recentEvents(first: 2) { name customer { email } } } }`;
    const { body } = await graphql(query, { id: customer.id }, { headers: bearer(actors.admin.token) });
    expect(body.errors).toBeUndefined();
    expect(body.data?.customer).toEqual({
      email: customer.email,
      recentEvents: [
        { name: 'seen-1', customer: { email: customer.email } },
        { name: 'seen-2', customer: { email: customer.email } },
      ],
    });
  });

  it("shows a customer only its own tenant's events, even to a SUPERADMIN, though another tenant's events carry its id", async () => {
    const other = await createTenantWithUsers(superToken, 'analytics-events-other');
    const customer = await db.crm.customer.create({
      data: {
        tenantId: actors.tenant.id,
        email: `c-${randomUUID()}@example.test`,
        firstName: 'Own',
        lastName: 'Events',
      },
    });
    const own = await ingest({ token: actors.client.token }, [anEvent({ name: 'own', customerId: customer.id })]);
    const foreign = await ingest({ token: other.client.token }, [
      anEvent({ name: 'foreign', customerId: customer.id }),
    ]);
    expect([own.body.errors, foreign.body.errors]).toEqual([undefined, undefined]);
    const query = /* GraphQL */ `query($id: ID!) { customer(id: $id) { recentEvents(first: 10) { name tenantId } } }`;
    for (const token of [superToken, actors.admin.token]) {
      const { body } = await graphql(query, { id: customer.id }, { headers: bearer(token) });
      expect(body.errors).toBeUndefined();
      expect(body.data?.customer.recentEvents).toEqual([{ name: 'own', tenantId: actors.tenant.id }]);
    }
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { recentEvents { name } } } }`;
    const asSuperadmin = (tenantId?: string) =>
      subgraphRequest('analytics', entities, {
        identity: identityOf('SUPERADMIN', null),
        variables: { r: [{ __typename: 'Customer', id: customer.id, ...(tenantId ? { tenantId } : {}) }] },
      });
    expect((await asSuperadmin(actors.tenant.id)).body.data._entities).toEqual([{ recentEvents: [{ name: 'own' }] }]);
    expect((await asSuperadmin(other.tenant.id)).body.data._entities).toEqual([
      { recentEvents: [{ name: 'foreign' }] },
    ]);
    expect((await asSuperadmin()).body.data._entities).toEqual([{ recentEvents: [] }]);
  });

  it("shows the demo customers' seeded events", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { recentEvents(first: 100) { customerId occurredAt } } } }`;
    const representations = [0, 1].map((i) => ({ __typename: 'Customer', id: demoCustomerId(demoTenant.id, i) }));
    const { body } = await subgraphRequest('analytics', query, {
      identity: identityOf('CLIENT', demoTenant.id),
      variables: { r: representations },
    });
    for (const [index, customer] of (
      body.data._entities as { recentEvents: { customerId: string; occurredAt: string }[] }[]
    ).entries()) {
      expect(customer.recentEvents.length).toBeGreaterThan(0);
      expect(new Set(customer.recentEvents.map((event) => event.customerId))).toEqual(
        new Set([demoCustomerId(demoTenant.id, index)]),
      );
      const times = customer.recentEvents.map((event) => event.occurredAt);
      expect(times).toEqual([...times].sort().reverse());
    }
  });

  it("resolves Event references in the caller's tenant only", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id name } } }`;
    const representations = [ids[0], ids[1]].map((id) => ({ __typename: 'Event', id }));
    const own = await subgraphRequest('analytics', query, {
      identity: identityOf('CLIENT', actors.tenant.id),
      variables: { r: representations },
    });
    expect(own.body.data._entities.map((event: { id: string }) => event.id)).toEqual([ids[0], ids[1]]);
    const foreign = await subgraphRequest('analytics', query, {
      identity: identityOf('ADMIN', randomUUID()),
      variables: { r: representations },
    });
    expect(foreign.body.data._entities).toEqual([null, null]);
  });
});
