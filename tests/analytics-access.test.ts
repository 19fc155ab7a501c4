import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { anEvent, apiKey, hoursAgo, ingest, machineToken, type Caller } from './support/analytics-api.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';

/**
 * Analytics under the access matrix (ADMIN "R own tenant", CLIENT "R own, W events", SUPERADMIN
 * all) and from the attacker's side: a member of tenant A gets "not found" or nothing for tenant
 * B's rows, whatever ids it sends, and B's rows stay as they were.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

let a: TenantActors;
let b: TenantActors;
let superToken: string;
let eventOfB: string;
let dashboardOfB: string;
const customerOfB = randomUUID();
const sharedKey = `shared-${randomUUID()}`;

const snapshotOfB = async () => ({
  events: await db.analytics.event.findMany({ where: { tenantId: b.tenant.id }, orderBy: { id: 'asc' } }),
  dashboards: await db.analytics.dashboard.findMany({ where: { tenantId: b.tenant.id }, orderBy: { id: 'asc' } }),
  rollups: await db.analytics.metricRollup.findMany({ where: { tenantId: b.tenant.id }, orderBy: { id: 'asc' } }),
});

beforeAll(async () => {
  superToken = await superadminToken();
  [a, b] = await Promise.all([
    createTenantWithUsers(superToken, 'analytics-a'),
    createTenantWithUsers(superToken, 'analytics-b'),
  ]);
  const sent = await ingest({ token: b.client.token }, [
    anEvent({ idempotencyKey: sharedKey, customerId: customerOfB, occurredAt: hoursAgo(1) }),
  ]);
  eventOfB = sent.body.data?.ingestEvents.results[0].eventId;
  const created = await graphql(
    /* GraphQL */ `mutation C($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }`,
    { input: { name: 'B board', isPublic: true } },
    { headers: bearer(b.admin.token) },
  );
  dashboardOfB = created.body.data?.createDashboard.id;
}, 60_000);

describe('who may ingest', () => {
  it('an ADMIN cannot ingest (FORBIDDEN), as a user or with an ADMIN API key', async () => {
    expect(errorCode((await ingest({ token: a.admin.token }, [anEvent()])).body)).toBe('FORBIDDEN');
    expect(errorCode((await ingest({ apiKey: await apiKey(a.admin.token, 'ADMIN') }, [anEvent()])).body)).toBe(
      'FORBIDDEN',
    );
  });

  it('a machine client needs the analytics:ingest scope', async () => {
    const without = await machineToken(a.admin.token, ['ANALYTICS_READ', 'CRM_WRITE']);
    expect(errorCode((await ingest({ token: without }, [anEvent()])).body)).toBe('FORBIDDEN');
    const withScope = await machineToken(a.admin.token, ['ANALYTICS_INGEST']);
    expect((await ingest({ token: withScope }, [anEvent()])).body.data?.ingestEvents.accepted).toBe(1);
  });

  it('a CLIENT API key ingests into its tenant', async () => {
    const caller: Caller = { apiKey: await apiKey(a.admin.token, 'CLIENT') };
    const { body } = await ingest(caller, [anEvent()]);
    const stored = await db.analytics.event.findMany({ where: { id: body.data?.ingestEvents.results[0].eventId } });
    expect(stored.map((event) => event.tenantId)).toEqual([a.tenant.id]);
  });

  it('an anonymous caller can neither ingest nor read', async () => {
    expect(
      errorCode(
        (await graphql(`mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }`, { e: [anEvent()] }))
          .body,
      ),
    ).toBe('UNAUTHENTICATED');
    expect(errorCode((await graphql(`{ events { totalCount } }`)).body)).toBe('UNAUTHENTICATED');
    expect(errorCode((await graphql(`{ dashboards { totalCount } }`)).body)).toBe('UNAUTHENTICATED');
  });

  it('a SUPERADMIN names the tenant of every event, and each tenant gets its own audit row', async () => {
    const missing = await ingest({ token: superToken }, [anEvent({ tenantId: a.tenant.id }), anEvent()]);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events.1.tenantId' });
    const fresh = await Promise.all([
      createTenantWithUsers(superToken, 'analytics-sa1'),
      createTenantWithUsers(superToken, 'analytics-sa2'),
    ]);
    const [first, second] = fresh.map((actors) => actors.tenant.id);
    const { body } = await ingest({ token: superToken }, [
      anEvent({ tenantId: first }),
      anEvent({ tenantId: second }),
      anEvent({ tenantId: second }),
    ]);
    expect(body.data?.ingestEvents).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(await db.analytics.event.count({ where: { tenantId: second } })).toBe(2);
    const audits = await db.analytics.auditLog.findMany({
      where: { tenantId: { in: [first!, second!] }, action: 'events.ingest' },
    });
    expect(Object.fromEntries(audits.map((row) => [row.tenantId, row.changes]))).toEqual({
      [first!]: { received: 1, accepted: 1, duplicates: 0 },
      [second!]: { received: 2, accepted: 2, duplicates: 0 },
    });
  });
});

describe('tenant B from tenant A', () => {
  it('a CLIENT of A cannot ingest into B by passing tenantId (NOT_FOUND), and B is unchanged', async () => {
    const before = await snapshotOfB();
    const { body } = await ingest({ token: a.client.token }, [anEvent({ tenantId: b.tenant.id })]);
    expect(errorCode(body)).toBe('NOT_FOUND');
    expect(await snapshotOfB()).toEqual(before);
  });

  it("idempotency keys are per tenant: A reusing B's key stores A's own event and learns nothing of B's", async () => {
    const { body } = await ingest({ token: a.client.token }, [anEvent({ idempotencyKey: sharedKey })]);
    expect(body.data?.ingestEvents.results[0]).toMatchObject({ status: 'ACCEPTED' });
    expect(body.data?.ingestEvents.results[0].eventId).not.toBe(eventOfB);
  });

  it("A's ADMIN and CLIENT read nothing of B: event, events, dashboards, customer events", async () => {
    for (const token of [a.admin.token, a.client.token]) {
      const headers = bearer(token);
      expect(
        (await graphql(`query($id: ID!) { event(id: $id) { id } }`, { id: eventOfB }, { headers })).body.data?.event,
      ).toBeNull();
      expect(
        (await graphql(`query($id: ID!) { dashboard(id: $id) { id } }`, { id: dashboardOfB }, { headers })).body.data
          ?.dashboard,
      ).toBeNull();
      const events = await graphql(
        `query($t: ID) { events(tenantId: $t, first: 100) { totalCount } }`,
        { t: b.tenant.id },
        { headers },
      );
      expect(events.body.data?.events.totalCount).toBe(0);
      const boards = await graphql(
        `query($t: ID) { dashboards(tenantId: $t, first: 100) { totalCount } }`,
        { t: b.tenant.id },
        { headers },
      );
      expect(boards.body.data?.dashboards.totalCount).toBe(0);
      const byCustomer = await graphql(
        `query($c: ID) { events(filter: { customerId: $c }) { totalCount } }`,
        { c: customerOfB },
        { headers },
      );
      expect(byCustomer.body.data?.events.totalCount).toBe(0);
    }
  });

  it("A's ADMIN cannot update or delete B's dashboard (NOT_FOUND), and B is unchanged", async () => {
    const before = await snapshotOfB();
    const headers = bearer(a.admin.token);
    const update = await graphql(
      `mutation($id: ID!) { updateDashboard(id: $id, input: { name: "pwned" }) { id } }`,
      { id: dashboardOfB },
      { headers },
    );
    expect(errorCode(update.body)).toBe('NOT_FOUND');
    const remove = await graphql(`mutation($id: ID!) { deleteDashboard(id: $id) }`, { id: dashboardOfB }, { headers });
    expect(errorCode(remove.body)).toBe('NOT_FOUND');
    const create = await graphql(
      `mutation($t: ID) { createDashboard(input: { name: "planted", tenantId: $t }) { id } }`,
      { t: b.tenant.id },
      { headers },
    );
    expect(errorCode(create.body)).toBe('NOT_FOUND');
    expect(await snapshotOfB()).toEqual(before);
  });

  it("A's ADMIN sees none of B's audit trail", async () => {
    const { body } = await graphql(
      `query($t: ID) { analyticsAuditLog(tenantId: $t, first: 100) { totalCount } }`,
      { t: b.tenant.id },
      { headers: bearer(a.admin.token) },
    );
    expect(body.data?.analyticsAuditLog.totalCount).toBe(0);
    const own = await graphql(
      `{ analyticsAuditLog(first: 100) { edges { node { tenantId } } } }`,
      {},
      { headers: bearer(a.admin.token) },
    );
    expect(
      own.body.data?.analyticsAuditLog.edges.every(
        (edge: { node: { tenantId: string } }) => edge.node.tenantId === a.tenant.id,
      ),
    ).toBe(true);
  });
});
