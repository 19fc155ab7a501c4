import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { allTenants, withScope } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createCrmCustomer,
  createInvoiceMutation,
  createPlan,
  dataOf,
  subscribe,
} from './support/billing-fixture.ts';
import {
  directGrowthSql,
  directSummary,
  directSummaryIn,
  directTopTenants,
  statsRowsSql,
  summaryFields,
} from './support/billing-summary-sql.ts';
import { connectDatabases } from './support/databases.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-summary');
});

const summaryQuery = /* GraphQL */ `query ($id: ID!) { tenant(id: $id) { billing { ${summaryFields} } } }`;
const summaryOf = async (tenantId: string, token = superToken) =>
  dataOf(await as(token, summaryQuery, { id: tenantId })).tenant.billing;
/** The summary read right now equals the figures computed from the base tables. */
const expectFresh = async (tenantId: string) =>
  expect(await summaryOf(tenantId)).toEqual(await directSummary(db, tenantId));

const day = 86_400_000;
const period = { currentPeriodStart: new Date(), currentPeriodEnd: new Date(Date.now() + 30 * day) };

/** Plans in three currencies with cycles that do not divide evenly, subscriptions in every status, invoices in every state. */
async function arrangeMixedTenant(tenantId: string) {
  const plan = (name: string, amount: string, currency: string, interval: 'MONTH' | 'YEAR', intervalCount: number) =>
    db.billing.plan.create({ data: { tenantId, name, amount, currency, interval, intervalCount } });
  const quarterly = await plan('Quarterly', '10.0000', 'USD', 'MONTH', 3);
  const yearly = await plan('Yearly', '99.9900', 'USD', 'YEAR', 1);
  const euro = await plan('Euro', '12.3456', 'EUR', 'MONTH', 1);
  const penny = await plan('Penny', '0.0050', 'GBP', 'MONTH', 1);
  const biennial = await plan('Biennial', '1000.0000', 'EUR', 'YEAR', 2);
  const subscriptions: [string, 'ACTIVE' | 'PAST_DUE' | 'TRIALING' | 'CANCELLED', number][] = [
    [quarterly.id, 'ACTIVE', 1],
    [quarterly.id, 'ACTIVE', 1],
    [quarterly.id, 'ACTIVE', 1],
    [yearly.id, 'PAST_DUE', 2],
    [yearly.id, 'CANCELLED', 1],
    [euro.id, 'ACTIVE', 3],
    [euro.id, 'TRIALING', 1],
    [euro.id, 'CANCELLED', 5],
    [penny.id, 'ACTIVE', 1],
    [biennial.id, 'ACTIVE', 1],
  ];
  await db.billing.subscription.createMany({
    data: subscriptions.map(([planId, status, quantity]) => ({
      tenantId,
      customerId: randomUUID(),
      planId,
      status,
      quantity,
      ...period,
    })),
  });
  const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
  const invoices: [string, string, string, Date | null, Date | null][] = [
    ['OPEN', 'USD', '100.0000', new Date(Date.now() - day), null],
    ['OPEN', 'USD', '40.0000', new Date(Date.now() + 10 * day), null],
    ['PAID', 'USD', '10.0050', null, new Date()],
    ['PAID', 'USD', '20.0050', null, monthStart],
    ['PAID', 'USD', '5.0000', null, new Date(monthStart.getTime() - day)],
    ['PAID', 'EUR', '50.0000', null, new Date('2025-01-15T12:00:00Z')],
    ['DRAFT', 'USD', '7.0000', null, null],
    ['VOID', 'USD', '8.0000', null, null],
    ['UNCOLLECTIBLE', 'EUR', '9.0000', new Date(Date.now() - 3 * day), null],
  ];
  await db.billing.invoice.createMany({
    data: invoices.map(([status, currency, total, dueDate, paidAt], index) => ({
      tenantId,
      number: `BULK-${index}`,
      status: status as 'OPEN',
      currency,
      subtotal: total,
      total,
      // Paid in full, as markInvoicePaid records it: revenue counts what was collected.
      amountPaid: status === 'PAID' ? total : '0',
      customerId: randomUUID(),
      dueDate,
      paidAt,
    })),
  });
}

describe('a tenant billing summary', () => {
  it('equals a direct computation over subscriptions, plans and invoices; MRR and revenue are rounded once, per currency', async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-summary-mixed');
    await arrangeMixedTenant(tenant.tenant.id);
    const summary = await summaryOf(tenant.tenant.id, tenant.admin.token);
    expect(summary).toEqual(await directSummary(db, tenant.tenant.id));
    expect(summary).toEqual({
      activeSubscriptions: 6,
      trialingSubscriptions: 1,
      pastDueSubscriptions: 1,
      cancelledSubscriptions: 2,
      openInvoices: 2,
      overdueInvoices: 1,
      // USD 3 × 10/3 + 2 × 99.99/12 = 26.665; EUR 3 × 12.3456 + 1000/24 = 78.7034…; GBP 0.005 (half-up).
      mrr: [
        { amount: '78.70', currency: 'EUR' },
        { amount: '0.01', currency: 'GBP' },
        { amount: '26.67', currency: 'USD' },
      ],
      revenueThisMonth: [{ amount: '30.01', currency: 'USD' }],
      revenueAllTime: [
        { amount: '50.00', currency: 'EUR' },
        { amount: '35.01', currency: 'USD' },
      ],
    });
  });

  it('is all zeros and empty lists for a tenant without billing data', async () => {
    expect(await summaryOf(a.tenant.id)).toEqual({
      activeSubscriptions: 0,
      openInvoices: 0,
      trialingSubscriptions: 0,
      pastDueSubscriptions: 0,
      cancelledSubscriptions: 0,
      overdueInvoices: 0,
      mrr: [],
      revenueThisMonth: [],
      revenueAllTime: [],
    });
  });

  it('shows every write at once: subscribe, trial, plan change, price change, cancel, invoice issue, pay, void, raw updates and deletes', async () => {
    const tenantId = a.tenant.id;
    const monthly = await createPlan(superToken, tenantId, { amount: '30.0000', currency: 'USD' });
    const yearly = await createPlan(superToken, tenantId, { amount: '300.0000', currency: 'USD', interval: 'YEAR' });
    const trial = await createPlan(superToken, tenantId, { amount: '15.5000', currency: 'EUR', trialDays: 14 });
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => createCrmCustomer(db, tenantId)));
    const active = await subscribe(a.admin.token, { customerId: first!, planId: monthly.id, quantity: 2 });
    await expectFresh(tenantId);
    await subscribe(a.admin.token, { customerId: second!, planId: trial.id });
    await expectFresh(tenantId);
    const billed = await subscribe(a.admin.token, { customerId: third!, planId: monthly.id });
    await expectFresh(tenantId);

    dataOf(
      await as(
        a.admin.token,
        // 300 a year is cheaper per month than 30 a month: a downgrade, made effective at once here.
        /* GraphQL */ `mutation ($id: ID!, $planId: ID!) {
          changeSubscriptionPlan(id: $id, planId: $planId, options: { effective: IMMEDIATELY }) { id }
        }`,
        { id: active.id, planId: yearly.id },
      ),
    );
    await expectFresh(tenantId);
    dataOf(
      await as(
        superToken,
        /* GraphQL */ `mutation ($id: ID!) { updatePlan(id: $id, input: { amount: "120.0000" }) { id } }`,
        { id: yearly.id },
      ),
    );
    expect((await summaryOf(tenantId)).mrr).toEqual([{ amount: '50.00', currency: 'USD' }]); // 2 × 120/12 + 30
    await expectFresh(tenantId);

    const invoice = async (start: string, end: string) =>
      dataOf(
        await as(superToken, createInvoiceMutation, {
          input: {
            subscriptionId: billed.id,
            periodStart: start,
            periodEnd: end,
            finalize: true,
            dueDate: new Date(Date.now() - day).toISOString(),
          },
        }),
      ).createInvoiceForPeriod as { id: string };
    const paid = await invoice('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z');
    const voided = await invoice('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z');
    await expectFresh(tenantId);
    expect(await summaryOf(tenantId)).toMatchObject({ openInvoices: 2, overdueInvoices: 2 });
    dataOf(
      await as(superToken, /* GraphQL */ `mutation ($id: ID!) { markInvoicePaid(id: $id) { id } }`, { id: paid.id }),
    );
    dataOf(
      await as(superToken, /* GraphQL */ `mutation ($id: ID!) { voidInvoice(id: $id) { id } }`, { id: voided.id }),
    );
    expect(await summaryOf(tenantId)).toMatchObject({
      openInvoices: 0,
      revenueThisMonth: [{ amount: '30.00', currency: 'USD' }],
    });
    await expectFresh(tenantId);

    dataOf(
      await as(
        a.admin.token,
        /* GraphQL */ `mutation ($id: ID!) { cancelSubscription(id: $id, atPeriodEnd: false) { id } }`,
        { id: active.id },
      ),
    );
    await expectFresh(tenantId);
    await db.billing.subscription.update({ where: { id: billed.id }, data: { status: 'PAST_DUE', quantity: 3 } });
    await expectFresh(tenantId);
    await db.billing.invoice.update({ where: { id: paid.id }, data: { paidAt: new Date('2025-06-01T00:00:00Z') } });
    await expectFresh(tenantId);
    await db.billing.invoice.deleteMany({ where: { id: paid.id } });
    await db.billing.subscription.deleteMany({ where: { id: billed.id } });
    await expectFresh(tenantId);
  });
});

describe('the stats rebuild', () => {
  const statsRows = (tenantId: string | null) =>
    withScope(db.billing, allTenants, (tx) => tx.$queryRawUnsafe<{ t: string; row: string }[]>(statsRowsSql, tenantId));

  it("recomputes a tenant's stats rows from the base tables exactly as the triggers kept them", async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-summary-rebuild');
    await arrangeMixedTenant(tenant.tenant.id);
    const kept = await statsRows(tenant.tenant.id);
    expect(kept.length).toBeGreaterThan(5);
    // Spoil the tenant's rows, then rebuild in the tenant's scope: row-level security limits it to this tenant.
    await withScope(db.billing, { kind: 'tenant', tenantId: tenant.tenant.id }, async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE billing_tenant_stats SET active_subscriptions = 999`);
      await tx.$executeRawUnsafe(`DELETE FROM billing_tenant_mrr`);
      await tx.$executeRawUnsafe(`UPDATE billing_tenant_revenue_totals SET amount = 0`);
    });
    expect(await statsRows(tenant.tenant.id)).not.toEqual(kept);
    await withScope(db.billing, { kind: 'tenant', tenantId: tenant.tenant.id }, (tx) =>
      tx.$queryRawUnsafe(`SELECT billing_rebuild_tenant_stats()::text`),
    );
    expect(await statsRows(tenant.tenant.id)).toEqual(kept);
    await expectFresh(tenant.tenant.id);
  });

  it('reproduces every tenant’s trigger-kept rows when run across all tenants (in a snapshot, rolled back)', async () => {
    const rolledBack = new Error('rolled back');
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db.billing.$transaction(
          async (tx) => {
            await tx.$executeRawUnsafe(`SELECT set_config('app.all_tenants', 'on', true)`);
            const before = await tx.$queryRawUnsafe<{ t: string; row: string }[]>(statsRowsSql, null);
            await tx.$queryRawUnsafe(`SELECT billing_rebuild_tenant_stats()::text`);
            expect(await tx.$queryRawUnsafe(statsRowsSql, null)).toEqual(before);
            throw rolledBack;
          },
          { isolationLevel: 'RepeatableRead', timeout: 30_000 },
        );
      } catch (error) {
        if (error === rolledBack) return;
        // Another test's write to a row this snapshot rebuilds: try again on a newer snapshot.
        if (attempt < 5 && /could not serialize|40001|deadlock/i.test(String(error))) continue;
        throw error;
      }
    }
  });
});

describe('the platform overview (Billing part)', () => {
  const overview = /* GraphQL */ `query {
    _entities(representations: [{ __typename: "PlatformOverview", id: "platform" }]) {
      ... on PlatformOverview { id billing { ${summaryFields} } topTenantsByMrr { tenant { id } amount { amount currency } } subscriptionGrowth { day count } }
    }
  }`;
  const askAs = (role: 'SUPERADMIN' | 'ADMIN') =>
    subgraphRequest('billing', overview, { identity: identityOf(role, role === 'SUPERADMIN' ? null : a.tenant.id) });

  /** Direct figures across all tenants, in one snapshot. */
  const direct = () =>
    db.billing.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT set_config('app.all_tenants', 'on', true)`);
        const summary = await directSummaryIn(tx, null);
        const top = await directTopTenants(tx);
        const growth = await tx.$queryRawUnsafe<{ day: string; count: number }[]>(directGrowthSql);
        return {
          id: 'platform',
          billing: summary,
          topTenantsByMrr: top,
          subscriptionGrowth: growth,
        };
      },
      { isolationLevel: 'RepeatableRead' },
    );

  it('sums every tenant, ranks the top tenants by MRR per currency and counts subscriptions per day, as computed directly', async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-summary-platform');
    await arrangeMixedTenant(tenant.tenant.id);
    // Other test files write at the same time: the answer must equal a direct computation taken just before or just after it.
    let last: unknown;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const before = await direct();
      const { body } = await askAs('SUPERADMIN');
      expect(body.errors).toBeUndefined();
      const [answer] = body.data._entities;
      const shown = {
        ...answer,
        subscriptionGrowth: answer.subscriptionGrowth.map((entry: { day: string; count: number }) => ({
          day: entry.day.slice(0, 10),
          count: entry.count,
        })),
      };
      const after = await direct();
      if (isDeepStrictEqual(shown, before) || isDeepStrictEqual(shown, after)) {
        expect(shown.subscriptionGrowth).toHaveLength(30);
        expect(shown.subscriptionGrowth.at(-1).day).toBe(new Date().toISOString().slice(0, 10));
        expect(shown.subscriptionGrowth.at(-1).count).toBeGreaterThanOrEqual(10);
        return;
      }
      last = { shown, before, after };
    }
    expect(last).toBeUndefined();
  });

  it('is refused to a tenant ADMIN', async () => {
    const { body } = await askAs('ADMIN');
    expect(body.data?._entities?.[0]?.billing ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
