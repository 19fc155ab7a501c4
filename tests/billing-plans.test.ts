import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createPlan, dataOf, planFields } from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-plan');
});

const create = /* GraphQL */ `mutation ($input: CreatePlanInput!) { createPlan(input: $input) { ${planFields} } }`;
const update = /* GraphQL */ `mutation ($id: ID!, $input: UpdatePlanInput!) { updatePlan(id: $id, input: $input) { ${planFields} } }`;
const archive = /* GraphQL */ `mutation ($id: ID!) { archivePlan(id: $id) { id active } }`;
const plans = /* GraphQL */ `query ($first: Int, $after: String, $tenantId: ID, $filter: PlanFilter, $orderBy: PlanOrder) {
  plans(first: $first, after: $after, tenantId: $tenantId, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id name amount active } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('plans', () => {
  it('are created by the SUPERADMIN in a named tenant, with exact amounts and JSON features', async () => {
    const input = {
      name: 'Growth',
      code: `growth-${randomUUID().slice(0, 6)}`,
      amount: '79.9900',
      currency: 'eur',
      interval: 'YEAR',
      intervalCount: 2,
      trialDays: 7,
      features: { seats: 10, sso: false },
      tenantId: a.tenant.id,
    };
    const plan = dataOf(await as(superToken, create, { input })).createPlan;
    expect(plan).toMatchObject({
      tenantId: a.tenant.id,
      name: 'Growth',
      code: input.code,
      amount: '79.99',
      currency: 'EUR',
      interval: 'YEAR',
      intervalCount: 2,
      trialDays: 7,
      features: { seats: 10, sso: false },
      active: true,
    });
    const audit = await db.billing.auditLog.findFirst({ where: { entityId: plan.id } });
    expect(audit).toMatchObject({ action: 'plan.create', tenantId: a.tenant.id, actorRole: 'SUPERADMIN' });
  });

  it('are read by ADMIN and CLIENT of the tenant, and written by neither (FORBIDDEN)', async () => {
    const plan = await createPlan(superToken, a.tenant.id);
    for (const token of [a.admin.token, a.client.token]) {
      const read = dataOf(
        await as(token, /* GraphQL */ `query ($id: ID!) { plan(id: $id) { id amount } }`, { id: plan.id }),
      );
      expect(read.plan).toEqual({ id: plan.id, amount: '49' });
      const attempts = [
        await as(token, create, { input: { name: 'Mine', amount: '1', currency: 'USD', interval: 'MONTH' } }),
        await as(token, update, { id: plan.id, input: { amount: '1' } }),
        await as(token, archive, { id: plan.id }),
      ];
      expect(attempts.map((attempt) => errorCode(attempt.body))).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    }
    expect((await db.billing.plan.findUniqueOrThrow({ where: { id: plan.id } })).amount.toFixed(4)).toBe('49.0000');
  });

  it('refuses a taken name or code in the same tenant with CONFLICT naming the field', async () => {
    const code = `dup-${randomUUID().slice(0, 6)}`;
    const first = await createPlan(superToken, a.tenant.id, { code });
    const sameName = await as(superToken, create, {
      input: { name: first.name, amount: '1', currency: 'USD', interval: 'MONTH', tenantId: a.tenant.id },
    });
    expect([errorCode(sameName.body), sameName.body.errors?.[0]?.extensions?.field]).toEqual([
      'CONFLICT',
      'input.name',
    ]);
    const sameCode = await as(superToken, create, {
      input: { name: 'Other', code, amount: '1', currency: 'USD', interval: 'MONTH', tenantId: a.tenant.id },
    });
    expect([errorCode(sameCode.body), sameCode.body.errors?.[0]?.extensions?.field]).toEqual([
      'CONFLICT',
      'input.code',
    ]);
    const other = await createPlan(superToken, a.tenant.id);
    const renamed = await as(superToken, update, { id: other.id, input: { code } });
    expect([errorCode(renamed.body), renamed.body.errors?.[0]?.extensions?.field]).toEqual(['CONFLICT', 'input.code']);
  });

  it.each([
    [{ amount: '-1' }, 'input.amount'],
    [{ amount: '1.23456' }, 'input.amount'],
    [{ currency: 'dollars' }, 'input.currency'],
    [{ intervalCount: 13 }, 'input.intervalCount'],
    [{ trialDays: 400 }, 'input.trialDays'],
    [{ name: '  ' }, 'input.name'],
    [{ code: 'Not A Code' }, 'input.code'],
    [{ tenantId: null }, 'input.tenantId'],
  ])('refuses invalid input %j with BAD_USER_INPUT on %s', async (change, field) => {
    const input = {
      name: `Plan ${randomUUID()}`,
      amount: '10',
      currency: 'USD',
      interval: 'MONTH',
      tenantId: a.tenant.id,
      ...change,
    };
    const { body } = await as(superToken, create, { input });
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
  });

  it('changes its price for later invoices only; issued invoices keep theirs', async () => {
    const plan = await createPlan(superToken, a.tenant.id, { amount: '10.00' });
    const subscription = await db.billing.subscription.create({
      data: {
        tenantId: a.tenant.id,
        customerId: randomUUID(),
        planId: plan.id,
        currentPeriodStart: new Date('2026-01-01'),
        currentPeriodEnd: new Date('2026-02-01'),
      },
    });
    const invoiceOf = async (start: string, end: string) =>
      dataOf(
        await as(
          superToken,
          /* GraphQL */ `mutation ($input: CreateInvoiceForPeriodInput!) { createInvoiceForPeriod(input: $input) { id total } }`,
          {
            input: { subscriptionId: subscription.id, periodStart: start, periodEnd: end },
          },
        ),
      ).createInvoiceForPeriod;
    const january = await invoiceOf('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z');
    const updated = dataOf(
      await as(superToken, update, { id: plan.id, input: { amount: '12.50', description: 'New price' } }),
    ).updatePlan;
    expect(updated).toMatchObject({ amount: '12.5', description: 'New price', name: plan.name });
    const february = await invoiceOf('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z');
    expect([january.total, february.total]).toEqual(['10', '12.5']);
    expect((await db.billing.invoice.findUniqueOrThrow({ where: { id: january.id } })).total.toFixed(2)).toBe('10.00');
  });

  it('archives (twice changes nothing) and filters on active', async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-plan-archive');
    const [kept, archived] = [
      await createPlan(superToken, tenant.tenant.id),
      await createPlan(superToken, tenant.tenant.id),
    ];
    expect(dataOf(await as(superToken, archive, { id: archived.id })).archivePlan).toEqual({
      id: archived.id,
      active: false,
    });
    expect(dataOf(await as(superToken, archive, { id: archived.id })).archivePlan.active).toBe(false);
    expect(await db.billing.auditLog.count({ where: { entityId: archived.id, action: 'plan.archive' } })).toBe(1);
    const active = dataOf(await as(tenant.admin.token, plans, { filter: { active: true } })).plans;
    expect(active.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([kept.id]);
    const missing = await as(superToken, archive, { id: randomUUID() });
    expect(errorCode(missing.body)).toBe('NOT_FOUND');
  });
});

describe('plan lists', () => {
  let tenant: TenantActors;
  let ids: string[];
  beforeAll(async () => {
    tenant = await createTenantWithUsers(superToken, 'bill-plan-list');
    ids = [];
    for (const amount of ['30', '10', '20']) ids.push((await createPlan(superToken, tenant.tenant.id, { amount })).id);
  });

  it('pages in creation order with exact page info at both edges', async () => {
    const first = dataOf(await as(tenant.client.token, plans, { first: 2 })).plans;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(ids.slice(0, 2));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = dataOf(await as(tenant.client.token, plans, { first: 2, after: first.pageInfo.endCursor })).plans;
    expect(rest.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(ids.slice(2));
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const beyond = dataOf(await as(tenant.client.token, plans, { first: 2, after: rest.pageInfo.endCursor })).plans;
    expect([beyond.edges, beyond.pageInfo.hasNextPage, beyond.pageInfo.endCursor]).toEqual([[], false, null]);
    const none = dataOf(await as(tenant.client.token, plans, { first: 0 })).plans;
    expect([none.edges, none.totalCount, none.pageInfo.hasNextPage]).toEqual([[], 3, true]);
  });

  it('sorts by amount either way, across pages', async () => {
    const orderBy = { field: 'AMOUNT', direction: 'DESC' };
    const page = dataOf(await as(tenant.admin.token, plans, { first: 2, orderBy })).plans;
    const next = dataOf(
      await as(tenant.admin.token, plans, { first: 2, orderBy, after: page.pageInfo.endCursor }),
    ).plans;
    expect([...page.edges, ...next.edges].map((edge: { node: { amount: string } }) => edge.node.amount)).toEqual([
      '30',
      '20',
      '10',
    ]);
  });

  it.each([
    [{ first: 101 }, 'first'],
    [{ first: -1 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
  ])('refuses %j with BAD_USER_INPUT on %s', async (args, field) => {
    const { body } = await as(tenant.admin.token, plans, args);
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
  });

  it('refuses a cursor made for another order', async () => {
    const page = dataOf(await as(tenant.admin.token, plans, { first: 1 })).plans;
    const { body } = await as(tenant.admin.token, plans, {
      first: 1,
      after: page.pageInfo.endCursor,
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    expect(errorCode(body)).toBe('BAD_USER_INPUT');
  });

  it("lets the SUPERADMIN narrow to one tenant's plans", async () => {
    const narrowed = dataOf(await as(superToken, plans, { tenantId: tenant.tenant.id, first: 10 })).plans;
    expect(narrowed.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(ids);
  });
});
