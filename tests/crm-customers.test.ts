import { randomUUID } from 'node:crypto';
import type { MachineScopeName } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, auditActions, createCustomer, customerFields, failure, ok, type Caller } from './support/crm-api.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql, type AnswerJson } from './support/graphql.ts';

/** Customers through the gateway: writes and their rules, lists, full-text search, CLIENT "R/W own", other tenants. */
const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let mine: TenantActors;
let theirs: TenantActors;
let admin: Caller;
let client: Caller;
let superadmin: Caller;
beforeAll(async () => {
  superToken = await superadminToken();
  [mine, theirs] = await Promise.all([
    createTenantWithUsers(superToken, 'crm-cust'),
    createTenantWithUsers(superToken, 'crm-cust-b'),
  ]);
  admin = as(mine.admin.token);
  client = as(mine.client.token);
  superadmin = as(superToken);
});

const create = /* GraphQL */ `mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { ${customerFields} } }`;
const update = /* GraphQL */ `mutation U($id: ID!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, input: $input) { ${customerFields} } }`;
const remove = /* GraphQL */ `mutation D($id: ID!) { deleteCustomer(id: $id) }`;
const byId = /* GraphQL */ `query C($id: ID!) { customer(id: $id) { ${customerFields} } }`;
const list = /* GraphQL */ `
  query L($first: Int, $after: String, $search: String, $filter: CustomerFilter, $orderBy: CustomerOrder, $tenantId: ID) {
    customers(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy, tenantId: $tenantId) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id email firstName lastName company } }
    }
  }
`;
const idsOf = (data: { customers: { edges: { node: { id: string } }[] } }) =>
  data.customers.edges.map((edge) => edge.node.id);

describe('customer writes', () => {
  it('creates a customer with every field, normalised, owned by its creator, in the caller’s tenant', async () => {
    const unique = randomUUID().slice(0, 8);
    const input = {
      email: `  Grace.Hopper-${unique}@Example.TEST `,
      firstName: ' Grace ',
      lastName: 'Hopper',
      company: 'Navy',
      phone: '+1 (555) 010-2030',
      address: { street: '1 Main St', city: 'Arlington', country: 'US' },
      status: 'PROSPECT',
      source: 'referral',
      tags: ['vip', 'vip', 'newsletter'],
      customFields: { segment: 'enterprise', seats: 40 },
    };
    const customer = ok(await admin(create, { input })).createCustomer;
    expect(customer).toMatchObject({
      tenantId: mine.tenant.id,
      email: `grace.hopper-${unique}@example.test`,
      firstName: 'Grace',
      lastName: 'Hopper',
      company: 'Navy',
      phone: '+1 (555) 010-2030',
      address: input.address,
      status: 'PROSPECT',
      source: 'referral',
      tags: ['vip', 'newsletter'],
      customFields: { segment: 'enterprise', seats: 40 },
      createdById: mine.admin.id,
    });
    expect(ok(await client(byId, { id: customer.id })).customer).toEqual(customer);
    expect(await auditActions(admin, customer.id)).toEqual(['customer.create']);
  });

  it('defaults status ACTIVE, no tags and empty custom fields', async () => {
    const customer = await createCustomer(admin);
    expect(customer).toMatchObject({
      status: 'ACTIVE',
      tags: [],
      customFields: {},
      company: null,
      address: null,
      phone: null,
    });
  });

  it.each([
    [{ email: 'not-an-email' }, 'input.email'],
    [{ firstName: '   ' }, 'input.firstName'],
    [{ phone: 'call me maybe' }, 'input.phone'],
    [{ tags: ['x'.repeat(51)] }, 'input.tags.0'],
    [{ tenantId: null, company: 'y'.repeat(201) }, 'input.company'],
  ])('refuses %j with BAD_USER_INPUT naming %s, and writes nothing', async (override, field) => {
    const email = `bad-${randomUUID()}@example.test`;
    const response = await admin(create, { input: { email, firstName: 'Bad', lastName: 'Input', ...override } });
    expect(failure(response)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await db.crm.customer.count({ where: { tenantId: mine.tenant.id, lastName: 'Input' } })).toBe(0);
  });

  it('refuses a second customer with the same email in the tenant with CONFLICT on input.email; another tenant may reuse it', async () => {
    const first = await createCustomer(admin);
    const again = await admin(create, {
      input: { email: first.email.toUpperCase(), firstName: 'Twin', lastName: 'Twin' },
    });
    expect(failure(again)).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
    const other = await createCustomer(admin);
    const renamed = await admin(update, { id: other.id, input: { email: first.email } });
    expect(failure(renamed)).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
    expect(ok(await admin(byId, { id: other.id })).customer.email).toBe(other.email);
    const elsewhere = await createCustomer(as(theirs.admin.token), { email: first.email });
    expect(elsewhere.tenantId).toBe(theirs.tenant.id);
  });

  it('updates only the fields given; null clears optional ones and is refused for required ones', async () => {
    const customer = await createCustomer(admin, {
      company: 'Initech',
      phone: '+49 30 1234',
      tags: ['a'],
      address: { city: 'Berlin' },
    });
    const updated = ok(
      await admin(update, {
        id: customer.id,
        input: { company: null, address: null, status: 'CHURNED', tags: ['b', 'c'] },
      }),
    ).updateCustomer;
    expect(updated).toMatchObject({
      company: null,
      address: null,
      phone: '+49 30 1234',
      status: 'CHURNED',
      tags: ['b', 'c'],
      firstName: customer.firstName,
    });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(customer.updatedAt).getTime());
    expect(failure(await admin(update, { id: customer.id, input: { firstName: null } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.firstName',
    });
    expect(await auditActions(admin, customer.id)).toEqual(['customer.create', 'customer.update']);
  });

  it('deletes a customer (its leads stay, without customer) and answers NOT_FOUND afterwards', async () => {
    const customer = await createCustomer(admin);
    expect(ok(await admin(remove, { id: customer.id })).deleteCustomer).toBe(true);
    expect(ok(await admin(byId, { id: customer.id })).customer).toBeNull();
    expect(failure(await admin(remove, { id: customer.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditActions(admin, customer.id)).toEqual(['customer.create', 'customer.delete']);
  });

  it('answers null for a missing or malformed id and NOT_FOUND for writes on them', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const read = await admin(byId, { id });
      expect(read.body).toEqual({ data: { customer: null } });
      expect(failure(await admin(update, { id, input: { firstName: 'X' } }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(failure(await admin(remove, { id }))).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('lets a SUPERADMIN create in a named tenant only, and write there', async () => {
    const missing = await superadmin(create, {
      input: { email: `s-${randomUUID()}@example.test`, firstName: 'S', lastName: 'A' },
    });
    expect(failure(missing)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tenantId' });
    const customer = await createCustomer(superadmin, { tenantId: mine.tenant.id });
    expect(customer.tenantId).toBe(mine.tenant.id);
    expect(ok(await superadmin(update, { id: customer.id, input: { source: 'import' } })).updateCustomer.source).toBe(
      'import',
    );
    const listed = ok(await superadmin(list, { tenantId: mine.tenant.id, first: 100 }));
    expect(idsOf(listed)).toContain(customer.id);
  });

  it('writes no audit row when the write fails', async () => {
    const customer = await createCustomer(admin);
    await admin(update, { id: customer.id, input: { email: 'broken' } });
    await admin(create, { input: { email: customer.email, firstName: 'Dup', lastName: 'Dup' } });
    expect(await auditActions(admin, customer.id)).toEqual(['customer.create']);
    const rows = await db.crm.auditLog.count({
      where: { tenantId: mine.tenant.id, action: 'customer.create', changes: { path: ['firstName'], equals: 'Dup' } },
    });
    expect(rows).toBe(0);
  });
});

describe('CLIENT "R/W own" on customers', () => {
  it('a CLIENT reads every customer of its tenant but changes and deletes only those it created', async () => {
    const adminsCustomer = await createCustomer(admin);
    const own = await createCustomer(client);
    expect(own.createdById).toBe(mine.client.id);
    expect(ok(await client(byId, { id: adminsCustomer.id })).customer.id).toBe(adminsCustomer.id);
    expect(ok(await client(update, { id: own.id, input: { company: 'Mine' } })).updateCustomer.company).toBe('Mine');

    expect(failure(await client(update, { id: adminsCustomer.id, input: { company: 'Hijacked' } }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(failure(await client(remove, { id: adminsCustomer.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const row = await db.crm.customer.findUnique({ where: { id: adminsCustomer.id } });
    expect(row).toMatchObject({ company: null, updatedAt: new Date(adminsCustomer.updatedAt) });
    expect(await auditActions(admin, adminsCustomer.id)).toEqual(['customer.create']);

    expect(ok(await client(remove, { id: own.id })).deleteCustomer).toBe(true);
  });

  it('an ADMIN changes a customer a CLIENT created', async () => {
    const own = await createCustomer(client);
    expect(ok(await admin(update, { id: own.id, input: { status: 'INACTIVE' } })).updateCustomer.status).toBe(
      'INACTIVE',
    );
  });

  it('a CLIENT API key owns the customers it creates; a machine client needs crm:read to read and crm:write to write', async () => {
    const key = ok(
      await admin(`mutation { createApiKey(input: { name: "crm app", role: CLIENT }) { apiKey { id } secret } }`),
    ).createApiKey;
    const viaKey = (query: string, variables: Record<string, unknown> = {}) =>
      graphql(query, variables, { headers: { 'x-api-key': key.secret } });
    const created = ok(
      await viaKey(create, { input: { email: `k-${randomUUID()}@example.test`, firstName: 'Key', lastName: 'Made' } }),
    ).createCustomer;
    expect(created.createdById).toBe(key.apiKey.id);
    expect(ok(await viaKey(update, { id: created.id, input: { source: 'api' } })).updateCustomer.source).toBe('api');
    const adminsCustomer = await createCustomer(admin);
    expect(failure(await viaKey(update, { id: adminsCustomer.id, input: { source: 'api' } }))).toMatchObject({
      code: 'FORBIDDEN',
    });

    const machine = async (scopes: MachineScopeName[]) => {
      const made = ok(
        await admin(
          `mutation M($s: [MachineScope!]!) { createMachineClient(input: { name: "sync", scopes: $s }) { machineClient { clientId } clientSecret } }`,
          { s: scopes },
        ),
      ).createMachineClient;
      const token = ok(
        await graphql(
          `mutation T($id: String!, $secret: String!) { clientCredentialsToken(clientId: $id, clientSecret: $secret) { accessToken } }`,
          { id: made.machineClient.clientId, secret: made.clientSecret },
        ),
      );
      return as(token.clientCredentialsToken.accessToken);
    };
    const [reader, writer] = [await machine(['CRM_READ']), await machine(['CRM_READ', 'CRM_WRITE'])];
    const newCustomer = { input: { email: `m-${randomUUID()}@example.test`, firstName: 'Machine', lastName: 'Made' } };
    expect(ok(await reader(byId, { id: created.id })).customer.id).toBe(created.id);
    expect(failure(await reader(create, newCustomer))).toMatchObject({ code: 'FORBIDDEN' });
    expect(ok(await writer(create, newCustomer)).createCustomer.firstName).toBe('Machine');
    const blind = await machine(['ANALYTICS_INGEST']);
    expect(failure(await blind(byId, { id: created.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the audit trail is for ADMINs: a CLIENT is FORBIDDEN', async () => {
    expect(failure(await client(`{ crmAuditLog { totalCount } }`))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('another tenant’s customers (attacker’s side)', () => {
  it('ADMIN and CLIENT of tenant A get null, empty lists and NOT_FOUND for tenant B’s customer, which stays unchanged', async () => {
    const victim = await createCustomer(as(theirs.admin.token), { company: 'Secret Corp', tags: ['secret'] });
    const before = await db.crm.customer.findUnique({ where: { id: victim.id } });
    for (const attacker of [admin, client]) {
      expect(ok(await attacker(byId, { id: victim.id })).customer).toBeNull();
      const lists = [
        await attacker(list, { tenantId: theirs.tenant.id, first: 100 }),
        await attacker(list, { search: victim.lastName, first: 100 }),
        await attacker(list, { search: victim.lastName, tenantId: theirs.tenant.id }),
        await attacker(list, { filter: { company: 'Secret' } }),
      ];
      for (const response of lists) expect(ok(response).customers).toMatchObject({ totalCount: 0, edges: [] });
      expect(failure(await attacker(update, { id: victim.id, input: { company: 'Pwned' } }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(failure(await attacker(remove, { id: victim.id }))).toMatchObject({ code: 'NOT_FOUND' });
      const planted = await attacker(create, {
        input: { email: `p-${randomUUID()}@example.test`, firstName: 'P', lastName: 'P', tenantId: theirs.tenant.id },
      });
      expect(failure(planted)).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await db.crm.customer.findUnique({ where: { id: victim.id } })).toEqual(before);
    expect(await db.crm.customer.count({ where: { tenantId: theirs.tenant.id, firstName: 'P' } })).toBe(0);
    const trail = ok(
      await admin(`query A($t: ID) { crmAuditLog(tenantId: $t) { totalCount } }`, { t: theirs.tenant.id }),
    );
    expect(trail.crmAuditLog.totalCount).toBe(0);
  });
});

describe('customer lists', () => {
  let tenant: TenantActors;
  let caller: Caller;
  beforeAll(async () => {
    tenant = await createTenantWithUsers(superToken, 'crm-list');
    caller = as(tenant.admin.token);
    const people = [
      { firstName: 'Zoe', lastName: 'Adams', company: 'Umbrella Corp', status: 'ACTIVE', source: 'web', tags: ['vip'] },
      { firstName: 'Yann', lastName: 'Brown', company: 'umbrella gmbh', status: 'LEAD', source: 'event', tags: [] },
      {
        firstName: 'Xena',
        lastName: 'Clark',
        company: 'Initech',
        status: 'ACTIVE',
        source: 'web',
        tags: ['vip', 'beta'],
      },
      { firstName: 'Will', lastName: 'Davis', company: '100%_Real', status: 'CHURNED', source: 'web', tags: [] },
      { firstName: 'Vera', lastName: 'Evans', company: null, status: 'ACTIVE', source: null, tags: ['beta'] },
    ];
    for (const person of people) await createCustomer(caller, person);
  });

  it('walks all customers oldest first, page by page; the last page has no next page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const data: { customers: AnswerJson } = ok(await caller(list, { first: 2, after }));
      expect(data.customers.totalCount).toBe(5);
      expect(data.customers.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...data.customers.edges.map((edge: { node: { firstName: string } }) => edge.node.firstName));
      after = data.customers.pageInfo.endCursor;
      expect(data.customers.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(seen).toEqual(['Zoe', 'Yann', 'Xena', 'Will', 'Vera']);
  });

  it('answers first: 0 with no edges but the total, and refuses first: 101 and -1 with BAD_USER_INPUT', async () => {
    const empty = ok(await caller(list, { first: 0 }));
    expect(empty.customers).toMatchObject({
      totalCount: 5,
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
    });
    for (const first of [101, -1])
      expect(failure(await caller(list, { first }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('sorts by the field asked, and refuses a cursor made for another order', async () => {
    const byLastNameDesc = ok(await caller(list, { orderBy: { field: 'LAST_NAME', direction: 'DESC' }, first: 2 }));
    expect(byLastNameDesc.customers.edges.map((edge: { node: { lastName: string } }) => edge.node.lastName)).toEqual([
      'Evans',
      'Davis',
    ]);
    const next = ok(
      await caller(list, {
        orderBy: { field: 'LAST_NAME', direction: 'DESC' },
        first: 2,
        after: byLastNameDesc.customers.pageInfo.endCursor,
      }),
    );
    expect(next.customers.edges.map((edge: { node: { lastName: string } }) => edge.node.lastName)).toEqual([
      'Clark',
      'Brown',
    ]);
    const mixed = await caller(list, { first: 2, after: byLastNameDesc.customers.pageInfo.endCursor });
    expect(failure(mixed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(failure(await caller(list, { after: 'garbage' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it.each([
    [{ status: 'ACTIVE' }, ['Zoe', 'Xena', 'Vera']],
    [{ tag: 'vip' }, ['Zoe', 'Xena']],
    [{ source: 'web', status: 'ACTIVE' }, ['Zoe', 'Xena']],
    [{ company: 'UMBRELLA' }, ['Zoe', 'Yann']],
    [{ company: '%_' }, ['Will']],
  ])('filters by %j', async (filter, names) => {
    const data = ok(await caller(list, { filter, first: 100 }));
    expect(data.customers.edges.map((edge: { node: { firstName: string } }) => edge.node.firstName)).toEqual(names);
    expect(data.customers.totalCount).toBe(names.length);
  });

  it('refuses a malformed id in a filter with BAD_USER_INPUT naming it', async () => {
    expect(failure(await caller(list, { filter: { createdById: 'nope' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.createdById',
    });
  });
});

describe('full-text search', () => {
  let caller: Caller;
  let ids: Record<string, string>;
  beforeAll(async () => {
    const tenant = await createTenantWithUsers(superToken, 'crm-search');
    caller = as(tenant.admin.token);
    const people = {
      exact: { firstName: 'Quincy', lastName: 'Quincy', company: 'Acme' },
      company: { firstName: 'Paul', lastName: 'Smith', company: 'Quincy Logistics' },
      tag: { firstName: 'Olga', lastName: 'Jones', company: 'Beta', tags: ['quincy'] },
      other: { firstName: 'Nina', lastName: 'Quade', company: 'Gamma' },
      unrelated: { firstName: 'Mark', lastName: 'Twain', company: 'Delta' },
    };
    ids = {};
    for (const [key, person] of Object.entries(people)) ids[key] = (await createCustomer(caller, person)).id;
  });

  const searchIds = async (search: string, first = 100) => idsOf(ok(await caller(list, { search, first })));

  it('ranks a better match first: name (weight A) before company (B) before tag (C)', async () => {
    expect(await searchIds('quincy')).toEqual([ids.exact, ids.company, ids.tag]);
  });

  it('matches the last word as a prefix while typing, and all words together', async () => {
    expect(await searchIds('quin')).toEqual([ids.exact, ids.company, ids.tag]);
    expect(await searchIds('qua')).toEqual([ids.other]);
    expect(await searchIds('paul quin')).toEqual([ids.company]);
    expect(await searchIds('paul -smith')).toEqual([]);
    expect(await searchIds('"quincy logistics"')).toEqual([ids.company]);
  });

  it('takes input as data, never as SQL or query syntax', async () => {
    for (const text of ["'; DROP TABLE customers; --", 'quincy:* & !', '\\', '(((', 'or']) {
      const response = await caller(list, { search: text });
      expect(response.body.errors).toBeUndefined();
    }
    expect(await db.crm.customer.count()).toBeGreaterThan(0);
  });

  it('pages through ranked results with cursors; totalCount counts all matches', async () => {
    const first = ok(await caller(list, { search: 'quincy', first: 2 }));
    expect(first.customers.totalCount).toBe(3);
    expect(idsOf(first)).toEqual([ids.exact, ids.company]);
    expect(first.customers.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = ok(await caller(list, { search: 'quincy', first: 2, after: first.customers.pageInfo.endCursor }));
    expect(idsOf(second)).toEqual([ids.tag]);
    expect(second.customers.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('combines search with filters, and refuses orderBy and foreign cursors', async () => {
    expect(idsOf(ok(await caller(list, { search: 'quincy', filter: { company: 'acme' } })))).toEqual([ids.exact]);
    expect(idsOf(ok(await caller(list, { search: 'quincy', filter: { company: '%' } })))).toEqual([]);
    expect(idsOf(ok(await caller(list, { search: 'quincy', filter: { tag: 'quincy', status: 'ACTIVE' } })))).toEqual([
      ids.tag,
    ]);
    const ordered = await caller(list, { search: 'quincy', orderBy: { field: 'EMAIL', direction: 'ASC' } });
    expect(failure(ordered)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy' });
    const plain = ok(await caller(list, { first: 1 }));
    expect(failure(await caller(list, { search: 'quincy', after: plain.customers.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const forged = Buffer.from(JSON.stringify(['searchRank', 'DESC', '0x10', randomUUID()])).toString('base64url');
    expect(failure(await caller(list, { search: 'quincy', after: forged }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const searched = ok(await caller(list, { search: 'quincy', first: 1 }));
    expect(failure(await caller(list, { after: searched.customers.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('finds a customer by email and sees changes at once', async () => {
    const customer = await createCustomer(caller, { firstName: 'Fresh', lastName: 'Face' });
    expect(await searchIds(customer.email)).toEqual([customer.id]);
    ok(await caller(update, { id: customer.id, input: { lastName: 'Xylophone' } }));
    expect(await searchIds('xylophone')).toEqual([customer.id]);
    expect(await searchIds('face')).toEqual([]);
  });
});
