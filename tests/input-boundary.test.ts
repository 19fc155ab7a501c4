import { randomUUID } from 'node:crypto';
import { invalidValueOf, sqlStateOf } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabases } from './support/databases.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';
import { createTenant } from './support/tenant-fixture.ts';

/**
 * Hostile input straight to a subgraph: every refusal is BAD_USER_INPUT naming the input path,
 * never a 500 with database text, and nothing is written.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

let tenantId: string;
beforeAll(async () => {
  tenantId = (await createTenant(db)).id;
});

const asAdmin = (query: string, variables: Record<string, unknown>) =>
  subgraphRequest('crm', query, { identity: identityOf('ADMIN', tenantId), variables });

const createCustomer = /* GraphQL */ `
  mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }
`;
const createLead = /* GraphQL */ `
  mutation L($input: CreateLeadInput!) { createLead(input: $input) { id } }
`;
const customers = /* GraphQL */ `
  query L($after: String) { customers(first: 5, after: $after) { edges { cursor node { id } } } }
`;

const customerInput = (override: Record<string, unknown>) => ({
  email: `boundary-${randomUUID().slice(0, 8)}@example.test`,
  firstName: 'Ada',
  lastName: 'Lovelace',
  ...override,
});

/** The single error of an answer: its code, field and message (which must carry no internals). */
function refusal(response: Awaited<ReturnType<typeof subgraphRequest>>) {
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors ?? [];
  expect(error?.message).not.toMatch(/prisma|invocation|SQLSTATE|\.ts:|22021|22P05|22008/i);
  return { code: error?.extensions?.code, field: error?.extensions?.field };
}

const written = async () => ({
  customers: await db.crm.customer.count({ where: { tenantId } }),
  leads: await db.crm.lead.count({ where: { tenantId } }),
});

describe('the input boundary of a subgraph', () => {
  it('refuses a NUL in a customer name, naming the field, writing nothing', async () => {
    const response = await asAdmin(createCustomer, { input: customerInput({ firstName: 'Ada\u0000' }) });
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.firstName' });
    expect(await written()).toEqual({ customers: 0, leads: 0 });
  });

  it('refuses a NUL in a filter string (any argument, not only inputs)', async () => {
    const query = /* GraphQL */ `query F($tag: String) { customers(filter: { tag: $tag }) { totalCount } }`;
    const response = await asAdmin(query, { tag: 'vip\u0000' });
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.tag' });
  });

  it('refuses a lone surrogate in a JSON key, naming the field, writing nothing', async () => {
    const response = await asAdmin(createCustomer, { input: customerInput({ customFields: { '\ud800': 1 } }) });
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.customFields' });
    expect(await written()).toEqual({ customers: 0, leads: 0 });
  });

  it.each([
    ['Feb 30', '2026-02-30T00:00:00Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
  ])('refuses %s as a DateTime, naming the field, writing nothing', async (_name, date) => {
    const response = await asAdmin(createLead, { input: { title: 'Deal', expectedCloseDate: date } });
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.expectedCloseDate' });
    expect(await written()).toEqual({ customers: 0, leads: 0 });
  });

  it('refuses a DateTime literal out of the window as BAD_USER_INPUT', async () => {
    const query = /* GraphQL */ `mutation { createLead(input: { title: "Deal", expectedCloseDate: "0000-01-01T00:00:00Z" }) { id } }`;
    const response = await asAdmin(query, {});
    expect(refusal(response).code).toBe('BAD_USER_INPUT');
    expect(await written()).toEqual({ customers: 0, leads: 0 });
  });

  it('refuses a 300-character first name, naming the field, writing nothing', async () => {
    const response = await asAdmin(createCustomer, { input: customerInput({ firstName: 'a'.repeat(300) }) });
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.firstName' });
    expect(await written()).toEqual({ customers: 0, leads: 0 });
  });

  it('refuses tampered cursors on customers with BAD_USER_INPUT on after', async () => {
    const id = randomUUID();
    const tampered = [
      'not base64 at all!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['createdAt', 'ASC', 'yesterday', id])).toString('base64url'),
      Buffer.from(JSON.stringify(['createdAt', 'ASC', { d: '0000-01-01T00:00:00Z' }, id])).toString('base64url'),
      Buffer.from(JSON.stringify(['createdAt', 'ASC', { d: '2026-01-01T00:00:00Z' }, 'not-a-uuid'])).toString(
        'base64url',
      ),
    ];
    for (const after of tampered) {
      expect(refusal(await asAdmin(customers, { after }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

describe('database errors with @prisma/adapter-pg', () => {
  const arrange = (firstName: string) =>
    db.crm.customer.create({
      data: { tenantId, email: `raw-${randomUUID().slice(0, 8)}@example.test`, firstName, lastName: 'x' },
    });

  it('carry the SQLSTATE that classifies a NUL as an invalid value', async () => {
    const error = await arrange('a\u0000b').catch((thrown: unknown) => thrown);
    expect(sqlStateOf(error)).toBe('22021');
    expect(invalidValueOf(error)).toBeDefined();
  });

  it('carry the SQLSTATE of a date PostgreSQL cannot hold', async () => {
    const error = await db.crm
      .$executeRawUnsafe(`SELECT '300000-01-01'::timestamptz`)
      .catch((thrown: unknown) => thrown);
    expect(sqlStateOf(error)).toBe('22008');
    expect(invalidValueOf(error)).toBeDefined();
  });
});
