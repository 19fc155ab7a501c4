import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { platformPartOf, settled } from './support/platform-overview.ts';
import { identityOf } from './support/subgraph-request.ts';

/**
 * What the superadmin console reads (issue 13): users and revenue per day on the platform overview,
 * the tenants list searched and sorted by the server, and audit trails newest first.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let actors: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'console-api');
});

const as = async (query: string, variables: Record<string, unknown> = {}, token = superToken) => {
  const { body } = await graphql(query, variables, { headers: bearer(token) });
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
};

const dayOf = (day: Date | string) => new Date(day).toISOString().slice(0, 10);

describe('platformOverview.userGrowth', () => {
  /** Users of tenants per UTC day over the last 30 days, counted straight from the table. */
  const direct = async () => {
    const rows = await db.auth.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT set_config('app.all_tenants', 'on', true)`);
      return tx.$queryRawUnsafe<{ day: Date; count: number }[]>(
        `SELECT date_trunc('day', created_at, 'UTC') AS day, count(*)::int AS count FROM users
         WHERE tenant_id IS NOT NULL AND created_at >= date_trunc('day', now(), 'UTC') - interval '29 days' GROUP BY 1`,
      );
    });
    return new Map(rows.map((row) => [dayOf(row.day), row.count]));
  };

  it('counts the users of every tenant created per UTC day, 30 days oldest first, as counted directly', async () => {
    const { expected, answer } = await settled(direct, async () => {
      const { body } = await platformPartOf('auth', 'userGrowth { day count }');
      expect(body.errors).toBeUndefined();
      return new Map(
        body.data._entities[0].userGrowth.map((entry: { day: string; count: number }) => [
          dayOf(entry.day),
          entry.count,
        ]),
      );
    });
    expect(answer.size).toBe(30);
    expect([...answer.keys()].at(-1)).toBe(dayOf(new Date()));
    for (const [day, count] of answer) expect(count, day).toBe(expected.get(day) ?? 0);
    // This file's tenant added an ADMIN and a CLIENT today.
    expect(answer.get(dayOf(new Date()))).toBeGreaterThanOrEqual(2);
  });

  it('is refused to a tenant ADMIN', async () => {
    const { body } = await platformPartOf('auth', 'userGrowth { count }', identityOf('ADMIN', actors.tenant.id));
    expect(errorCode(body)).toBe('FORBIDDEN');
  });
});

describe('platformOverview.revenueGrowth', () => {
  const day = 86_400_000;
  const paidInvoice = (tenantId: string, currency: string, total: string, paidAt: Date) =>
    db.billing.invoice.create({
      data: {
        tenantId,
        number: `REV-${randomUUID()}`,
        customerId: randomUUID(),
        currency,
        subtotal: total,
        total,
        amountPaid: total,
        status: 'PAID',
        paidAt,
      },
    });

  /** What PAID invoices collected per payment day and currency, summed straight from the table. */
  const direct = async () => {
    const rows = await db.billing.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT set_config('app.all_tenants', 'on', true)`);
      return tx.$queryRawUnsafe<{ day: Date; currency: string; total: string }[]>(
        `SELECT date_trunc('day', paid_at, 'UTC') AS day, currency::text AS currency, round(sum(amount_paid - refunded_amount), 2)::text AS total
         FROM invoices WHERE status = 'PAID' AND paid_at >= date_trunc('day', now(), 'UTC') - interval '29 days'
         GROUP BY 1, 2 ORDER BY 2`,
      );
    });
    const days = new Map<string, { amount: string; currency: string }[]>();
    for (const row of rows) {
      const key = dayOf(row.day);
      days.set(key, [...(days.get(key) ?? []), { amount: row.total, currency: row.currency }]);
    }
    return days;
  };

  it('sums PAID invoices per UTC day of payment and currency, 30 days oldest first, as summed directly', async () => {
    const tenantId = actors.tenant.id;
    const now = Date.now();
    await paidInvoice(tenantId, 'USD', '100.0050', new Date(now));
    await paidInvoice(tenantId, 'EUR', '20.00', new Date(now));
    await paidInvoice(tenantId, 'USD', '7.25', new Date(now - 3 * day));
    await paidInvoice(tenantId, 'USD', '999.00', new Date(now - 40 * day));
    await db.billing.invoice.create({
      data: {
        tenantId,
        number: `REV-${randomUUID()}`,
        customerId: randomUUID(),
        subtotal: '5000.00',
        total: '5000.00',
        status: 'OPEN',
      },
    });
    const { expected, answer } = await settled(direct, async () => {
      const { body } = await platformPartOf('billing', 'revenueGrowth { day amounts { amount currency } }');
      expect(body.errors).toBeUndefined();
      return new Map(
        body.data._entities[0].revenueGrowth.map((entry: { day: string; amounts: unknown[] }) => [
          dayOf(entry.day),
          entry.amounts,
        ]),
      );
    });
    expect(answer.size).toBe(30);
    for (const [key, amounts] of answer) expect(amounts, key).toEqual(expected.get(key) ?? []);
    const today = answer.get(dayOf(new Date(now))) as { currency: string }[];
    expect(today.map((entry) => entry.currency)).toEqual(['EUR', 'USD']);
  });

  it('is refused to a tenant ADMIN', async () => {
    const { body } = await platformPartOf('billing', 'revenueGrowth { day }', identityOf('ADMIN', actors.tenant.id));
    expect(errorCode(body)).toBe('FORBIDDEN');
  });
});

describe('tenants(search, orderBy)', () => {
  const list = /* GraphQL */ `
    query Tenants($first: Int, $after: String, $search: String, $orderBy: TenantOrder) {
      tenants(first: $first, after: $after, search: $search, orderBy: $orderBy) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id slug name status } }
      }
    }
  `;
  type Row = { id: string; slug: string; name: string; status: string };
  const marker = `zq${randomUUID().slice(0, 6)}`;
  // Capitalized alike, so the order does not depend on the database's collation.
  const names = ['Delta', 'Alpha', 'Charlie', 'Bravo'];
  let created: Row[] = [];

  /** Every page of a search in one order, following the cursors. */
  async function allPages(search: string, orderBy?: object, first = 2) {
    const rows: Row[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const { tenants } = await as(list, { first, after, search, orderBy });
      rows.push(...tenants.edges.map((edge: { node: Row }) => edge.node));
      if (!tenants.pageInfo.hasNextPage) return { rows, total: tenants.totalCount as number };
      after = tenants.pageInfo.endCursor;
    }
    throw new Error('more pages than tenants');
  }

  beforeAll(async () => {
    created = [];
    for (const name of names) {
      const { createTenant } = await as(
        `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { id slug name status } }`,
        {
          input: { slug: `${marker}-${name.toLowerCase()}`, name: `${name} ${marker.toUpperCase()}`, planTier: 'FREE' },
        },
      );
      created.push(createTenant);
    }
    await as(`mutation ($id: ID!) { suspendTenant(id: $id) { id } }`, { id: created[0]?.id });
  });

  it('finds tenants whose name or slug contains the search, in any case', async () => {
    const byName = await allPages(marker.toUpperCase());
    expect(byName.total).toBe(4);
    expect(byName.rows.map((row) => row.id).sort()).toEqual(created.map((row) => row.id).sort());
    const bySlug = await allPages(`${marker}-cha`);
    expect(bySlug.rows.map((row) => row.name)).toEqual([`Charlie ${marker.toUpperCase()}`]);
    // Wildcards are text: "%" matches only a literal percent sign.
    expect((await allPages(`${marker}%`)).total).toBe(0);
    expect((await allPages(`${marker}_alpha`)).total).toBe(0);
  });

  it('sorts every match by name, creation or status in either direction, page after page', async () => {
    const sorted = (orderBy: object) =>
      allPages(marker, orderBy).then(({ rows }) => rows.map((row) => row.name.split(' ')[0]));
    const byName = ['Alpha', 'Bravo', 'Charlie', 'Delta'];
    expect(await sorted({ field: 'NAME', direction: 'ASC' })).toEqual(byName);
    expect(await sorted({ field: 'NAME', direction: 'DESC' })).toEqual([...byName].reverse());
    expect(await sorted({ field: 'CREATED_AT', direction: 'DESC' })).toEqual([...names].reverse());
    expect(await sorted({ field: 'CREATED_AT', direction: 'ASC' })).toEqual(names);
    const byStatus = await allPages(marker, { field: 'STATUS', direction: 'ASC' }, 1);
    expect(byStatus.rows.map((row) => row.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED']);
    const byStatusDesc = await allPages(marker, { field: 'STATUS', direction: 'DESC' }, 1);
    expect(byStatusDesc.rows.map((row) => row.id)).toEqual([...byStatus.rows].reverse().map((row) => row.id));
  });

  it('refuses a cursor of another order, a search longer than a name, and every role but SUPERADMIN', async () => {
    const { tenants } = await as(list, { first: 1, search: marker, orderBy: { field: 'NAME', direction: 'ASC' } });
    const wrongOrder = await graphql(
      list,
      { first: 1, after: tenants.pageInfo.endCursor, orderBy: { field: 'STATUS', direction: 'ASC' } },
      { headers: bearer(superToken) },
    );
    expect(errorCode(wrongOrder.body)).toBe('BAD_USER_INPUT');
    const long = await graphql(list, { search: 'x'.repeat(201) }, { headers: bearer(superToken) });
    expect(errorCode(long.body)).toBe('BAD_USER_INPUT');
    const admin = await graphql(list, { search: marker }, { headers: bearer(actors.admin.token) });
    expect(errorCode(admin.body)).toBe('FORBIDDEN');
  });
});

describe('audit trails newest first', () => {
  const trail = (field: string) => /* GraphQL */ `
    query Trail($tenantId: ID, $first: Int, $after: String, $order: AuditLogOrder) {
      trail: ${field}(tenantId: $tenantId, first: $first, after: $after, order: $order) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt } }
      }
    }
  `;

  async function allEntries(field: string, tenantId: string, order?: string) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const { trail: connection } = await as(trail(field), { tenantId, first: 2, after, order });
      ids.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) return ids;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('more pages than entries');
  }

  it.each(['auditLog', 'crmAuditLog'])(
    '%s pages newest first with order NEWEST_FIRST, oldest first by default',
    async (field) => {
      const tenant = await createTenantWithUsers(superToken, 'audit-order');
      await as(
        `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { input: { email: `audit-${randomUUID()}@example.test`, firstName: 'Ann', lastName: 'Order' } },
        tenant.admin.token,
      );
      const oldestFirst = await allEntries(field, tenant.tenant.id);
      const newestFirst = await allEntries(field, tenant.tenant.id, 'NEWEST_FIRST');
      expect(oldestFirst.length).toBeGreaterThan(0);
      expect(newestFirst).toEqual([...oldestFirst].reverse());
      expect(await allEntries(field, tenant.tenant.id, 'OLDEST_FIRST')).toEqual(oldestFirst);
    },
  );
});
