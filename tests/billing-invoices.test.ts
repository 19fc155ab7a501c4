import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  type ChargeSpec,
  createCrmCustomer,
  createInvoiceMutation,
  createMeteredPlan,
  dataOf,
  invoiceFields,
  recordUsageMutation,
  subscribe,
} from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-inv');
});

const march = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };
const april = { periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z' };

/** A subscription of a new CRM customer of `tenant` to a new plan (with `charges`), made through the API. */
async function subscriptionOf(
  tenant: TenantActors,
  plan: { amount?: string } = {},
  quantity = 1,
  charges: ChargeSpec[] = [],
) {
  const { plan: created, codes } = await createMeteredPlan(superToken, tenant.tenant.id, charges, plan);
  const subscription = await subscribe(tenant.admin.token, {
    customerId: await createCrmCustomer(db, tenant.tenant.id),
    planId: created.id,
    startAt: march.periodStart,
    quantity,
  });
  return { ...subscription, codes };
}

const standard = (code: string, unitAmount: string, fieldName = 'units'): ChargeSpec => ({
  code,
  aggregation: 'SUM',
  fieldName,
  model: 'STANDARD',
  properties: { unitAmount },
});

const recordUsage = (subscriptionId: string, metric: string, units: string, occurredAt: string) =>
  as(a.admin.token, recordUsageMutation, {
    input: { subscriptionId, metric, properties: { units }, occurredAt, idempotencyKey: randomUUID() },
  });

const invoice = async (input: Record<string, unknown>) =>
  dataOf(await as(superToken, createInvoiceMutation, { input })).createInvoiceForPeriod;

const transition = (name: string, id: string, extra = '') =>
  /* GraphQL */ `mutation { ${name}(id: "${id}"${extra}) { ${invoiceFields} } }`;

describe('an invoice for a period', () => {
  it("bills the plan per seat and the usage not billed yet up to the period's end, priced by the plan's charges", async () => {
    const subscription = await subscriptionOf(a, { amount: '19.99' }, 3, [
      standard('api_calls', '0.0125'),
      { ...standard('storage_gb', '0.5'), aggregation: 'MAX' },
    ]);
    const { api_calls: api, storage_gb: storage } = subscription.codes as { api_calls: string; storage_gb: string };
    for (const [metric, units, at] of [
      [api, '1000', '2026-03-02T10:00:00Z'],
      [api, '234.5', '2026-03-31T23:59:59Z'],
      [api, '100', '2026-03-15T00:00:00Z'],
      [storage, '10.005', '2026-03-01T00:00:00Z'],
      [storage, '4', '2026-03-20T00:00:00Z'],
      [api, '999', '2026-04-01T00:00:00Z'],
    ] as const) {
      dataOf(await recordUsage(subscription.id, metric, units, at));
    }
    const early = await recordUsage(subscription.id, api, '999', '2026-02-28T23:59:59Z');
    expect([errorCode(early.body), early.body.errors?.[0]?.extensions?.field]).toEqual([
      'BAD_USER_INPUT',
      'input.occurredAt',
    ]);
    const created = await invoice({ subscriptionId: subscription.id, ...march, taxRate: '7.25', discount: '2.35' });
    // 3 × 19.99 = 59.97; 1,334.5 × 0.0125 = 16.68125 → 16.68; max 10.005 × 0.5 = 5.0025 → 5.00.
    // 81.65 − 2.35 = 79.30; tax 7.25 % = 5.74925 → 5.75; total 85.05.
    expect(created).toMatchObject({
      status: 'DRAFT',
      currency: 'USD',
      subtotal: '81.65',
      discount: '2.35',
      tax: '5.75',
      total: '85.05',
      amountPaid: '0',
      issuedAt: null,
      dueDate: null,
      ...march,
    });
    expect(
      created.lines.map((line: Record<string, string>) => [
        String(line.description).split(' (')[0],
        line.quantity,
        line.amount,
      ]),
    ).toEqual([
      [expect.any(String), '3', '59.97'],
      [`Usage: ${api}`, '1334.5', '16.68'],
      [`Usage: ${storage}`, '10.005', '5'],
    ]);
    const billed = await db.billing.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    expect(billed.usageBilledThrough.toISOString()).toBe(march.periodEnd);
    // April: the plan again and 999 × 0.0125 = 12.4875 → 12.49; no storage in April.
    const next = await invoice({ subscriptionId: subscription.id, ...april });
    expect(next.lines.map((line: Record<string, string>) => line.amount)).toEqual(['59.97', '12.49', '0']);
    expect(next.total).toBe('72.46');
  });

  it('rounds half-up to the cent: lines each, tax once on subtotal − discount', async () => {
    const subscription = await subscriptionOf(a, { amount: '10.10' }, 1, [standard('sms', '0.125')]);
    expect(await invoice({ subscriptionId: subscription.id, ...march, taxRate: '5' })).toMatchObject({
      subtotal: '10.1',
      tax: '0.51',
      total: '10.61',
    });
    dataOf(await recordUsage(subscription.id, subscription.codes.sms as string, '1', '2026-04-10T00:00:00Z'));
    const withUsage = await invoice({ subscriptionId: subscription.id, ...april, taxRate: '5', discount: '0.23' });
    expect(withUsage).toMatchObject({ subtotal: '10.23', discount: '0.23', tax: '0.5', total: '10.5' });
    expect(withUsage.lines[1].amount).toBe('0.13');
  });

  it('bills a period once: the same period again is CONFLICT (until its invoice is voided)', async () => {
    const subscription = await subscriptionOf(a, {}, 1, [standard('api_calls', '1')]);
    dataOf(await recordUsage(subscription.id, subscription.codes.api_calls as string, '10', '2026-03-05T00:00:00Z'));
    const first = await invoice({ subscriptionId: subscription.id, ...march });
    const again = await as(superToken, createInvoiceMutation, { input: { subscriptionId: subscription.id, ...march } });
    expect([errorCode(again.body), again.body.errors?.[0]?.extensions?.field]).toEqual([
      'CONFLICT',
      'input.periodStart',
    ]);
    dataOf(await as(superToken, transition('voidInvoice', first.id)));
    const replacement = await invoice({ subscriptionId: subscription.id, ...march });
    expect(replacement.lines.map((line: Record<string, string>) => line.amount)).toEqual(['49', '10']);
    expect(replacement.number).not.toBe(first.number);
  });

  it.each([
    [{ discount: '1000' }, 'input.discount'],
    [{ discount: '-1' }, 'input.discount'],
    [{ discount: '1.005' }, 'input.discount'],
    [{ taxRate: '101' }, 'input.taxRate'],
    [{ periodEnd: march.periodStart }, 'input.periodEnd'],
  ])('refuses %j with BAD_USER_INPUT on %s, using no invoice number', async (change, field) => {
    const tenant = await createTenantWithUsers(superToken, 'bill-inv-bad');
    const subscription = await subscriptionOf(tenant);
    const { body } = await as(superToken, createInvoiceMutation, {
      input: { subscriptionId: subscription.id, ...march, ...change },
    });
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    expect((await invoice({ subscriptionId: subscription.id, ...march })).number).toBe('INV-000001');
  });

  it('numbers invoices per tenant without gaps or duplicates, even when created at once', async () => {
    const tenant = await createTenantWithUsers(superToken, 'bill-inv-seq');
    const subscription = await subscriptionOf(tenant);
    const months = Array.from({ length: 10 }, (_, i) => ({
      periodStart: new Date(Date.UTC(2025, i, 1)).toISOString(),
      periodEnd: new Date(Date.UTC(2025, i + 1, 1)).toISOString(),
    }));
    // Ten periods plus two duplicates, all at once: the duplicates fail and give their numbers back.
    const answers = await Promise.all(
      [...months, months[0]!, months[5]!].map((period) =>
        as(superToken, createInvoiceMutation, { input: { subscriptionId: subscription.id, ...period } }),
      ),
    );
    const codes = answers.map((answer) => errorCode(answer.body) ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(10);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(2);
    const numbers = answers.flatMap((answer) => answer.body.data?.createInvoiceForPeriod?.number ?? []).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    expect((await invoice({ subscriptionId: subscription.id, ...march })).number).toBe('INV-000011');
  });

  it('refuses a subscription of another tenant or a missing one with NOT_FOUND', async () => {
    const other = await createTenantWithUsers(superToken, 'bill-inv-other');
    const foreign = await subscriptionOf(other);
    for (const subscriptionId of [foreign.id, randomUUID(), 'nope']) {
      const { body } = await as(a.admin.token, /* GraphQL */ `query ($id: ID!) { subscription(id: $id) { id } }`, {
        id: subscriptionId,
      });
      expect(body.data?.subscription).toBeNull();
      const usage = await as(a.admin.token, recordUsageMutation, {
        input: { subscriptionId, metric: 'api_calls', occurredAt: march.periodStart, idempotencyKey: randomUUID() },
      });
      expect([errorCode(usage.body), usage.body.errors?.[0]?.extensions?.field]).toEqual([
        'NOT_FOUND',
        'input.subscriptionId',
      ]);
    }
    expect(await db.billing.usageEvent.count({ where: { subscriptionId: foreign.id } })).toBe(0);
  });
});

describe('the invoice lifecycle', () => {
  it('goes DRAFT → OPEN (issued, due in 30 days) → PAID (paid in full)', async () => {
    const subscription = await subscriptionOf(a, { amount: '30' });
    const draft = await invoice({ subscriptionId: subscription.id, ...march, taxRate: '10' });
    const open = dataOf(await as(superToken, transition('finalizeInvoice', draft.id))).finalizeInvoice;
    expect(open.status).toBe('OPEN');
    expect(new Date(open.dueDate).getTime() - new Date(open.issuedAt).getTime()).toBe(30 * 86_400_000);
    const paid = dataOf(
      await as(superToken, transition('markInvoicePaid', draft.id, ', paidAt: "2026-04-03T12:00:00Z"')),
    ).markInvoicePaid;
    expect(paid).toMatchObject({ status: 'PAID', amountPaid: '33', paidAt: '2026-04-03T12:00:00.000Z' });
    const actions = await db.billing.auditLog.findMany({
      where: { entityId: draft.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((row) => row.action)).toEqual(['invoice.create', 'invoice.finalize', 'invoice.pay']);
  });

  it.each([
    ['finalizeInvoice', 'OPEN'],
    ['markInvoicePaid', 'DRAFT'],
    ['markInvoiceUncollectible', 'DRAFT'],
    ['voidInvoice', 'PAID'],
    ['finalizeInvoice', 'VOID'],
    ['markInvoicePaid', 'UNCOLLECTIBLE'],
  ])('refuses %s on a %s invoice with BAD_USER_INPUT, changing nothing', async (mutation, status) => {
    const subscription = await subscriptionOf(a);
    const created = await invoice({ subscriptionId: subscription.id, ...march, finalize: status !== 'DRAFT' });
    if (status === 'PAID') dataOf(await as(superToken, transition('markInvoicePaid', created.id)));
    if (status === 'VOID') dataOf(await as(superToken, transition('voidInvoice', created.id)));
    if (status === 'UNCOLLECTIBLE') dataOf(await as(superToken, transition('markInvoiceUncollectible', created.id)));
    const before = await db.billing.invoice.findUniqueOrThrow({ where: { id: created.id } });
    const { body } = await as(superToken, transition(mutation, created.id));
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'id']);
    expect(await db.billing.invoice.findUniqueOrThrow({ where: { id: created.id } })).toEqual(before);
  });

  it('refuses a payment date in the future', async () => {
    const created = await invoice({ subscriptionId: (await subscriptionOf(a)).id, ...march, finalize: true });
    const { body } = await as(
      superToken,
      transition('markInvoicePaid', created.id, ', paidAt: "2999-01-01T00:00:00Z"'),
    );
    expect([errorCode(body), body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'paidAt']);
  });

  it('lets ADMIN and CLIENT read invoices and their lines, but write none (FORBIDDEN)', async () => {
    const subscription = await subscriptionOf(a);
    const created = await invoice({
      subscriptionId: subscription.id,
      ...march,
      finalize: true,
      dueDate: '2026-04-15T00:00:00Z',
    });
    for (const token of [a.admin.token, a.client.token]) {
      const read = dataOf(
        await as(
          token,
          /* GraphQL */ `query ($id: ID!) { invoice(id: $id) { id overdue lines { amount } subscription { id } } }`,
          { id: created.id },
        ),
      );
      expect(read.invoice).toEqual({
        id: created.id,
        overdue: true,
        lines: [{ amount: '49' }],
        subscription: { id: subscription.id },
      });
      const writes = [
        await as(token, createInvoiceMutation, { input: { subscriptionId: subscription.id, ...april } }),
        ...(await Promise.all(
          ['finalizeInvoice', 'markInvoicePaid', 'voidInvoice', 'markInvoiceUncollectible'].map((name) =>
            as(token, transition(name, created.id)),
          ),
        )),
      ];
      expect(writes.map((write) => errorCode(write.body))).toEqual(Array(5).fill('FORBIDDEN'));
    }
    expect((await db.billing.invoice.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('OPEN');
  });
});
