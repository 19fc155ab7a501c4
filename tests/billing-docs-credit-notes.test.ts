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
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
beforeAll(async () => {
  superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-docs-cn');
});

const noteFields = 'id number settlement reason memo subtotal discount tax total lines { amount invoiceLine { id } }';
const createCreditNote = /* GraphQL */ `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { ${noteFields} } }`;
const invoiceQuery = /* GraphQL */ `query ($id: ID!) {
  invoice(id: $id) { status total amountDue creditedAmount refundedAmount creditNotes { number total } }
}`;

/** An OPEN invoice of one 100.00 plan line with 19 % tax (total 119.00), issued by the SUPERADMIN. */
async function openInvoice() {
  const plan = await createPlan(superToken, a.tenant.id, { amount: '100.0000' });
  const subscription = await subscribe(a.admin.token, {
    customerId: await createCrmCustomer(db, a.tenant.id),
    planId: plan.id,
    startAt: '2026-03-01T00:00:00.000Z',
  });
  const input = {
    subscriptionId: subscription.id,
    periodStart: '2026-03-01T00:00:00.000Z',
    periodEnd: '2026-04-01T00:00:00.000Z',
    taxRate: '19',
    finalize: true,
  };
  const invoice = dataOf(await as(superToken, createInvoiceMutation, { input })).createInvoiceForPeriod as {
    id: string;
    total: string;
  };
  const [line] = await db.billing.invoiceLineItem.findMany({ where: { invoiceId: invoice.id } });
  if (!line) throw new Error('the invoice has no line');
  return { id: invoice.id, lineId: line.id };
}

const credit = (token: string, input: Record<string, unknown>) => as(token, createCreditNote, { input });
const invoiceOf = async (id: string) => dataOf(await as(a.client.token, invoiceQuery, { id })).invoice;
const money = (value: unknown) => Number(value).toFixed(2);

describe('credit notes', () => {
  it('a partial note credits part of a line with its share of the tax; a second one credits the rest and settles the invoice', async () => {
    const invoice = await openInvoice();
    const partial = {
      invoiceId: invoice.id,
      lines: [{ invoiceLineId: invoice.lineId, amount: '30.00' }],
      reason: 'PRODUCT_UNSATISFACTORY',
      memo: 'Outage on March 3',
      settlement: 'REDUCE_AMOUNT_DUE',
    };
    const first = dataOf(await credit(a.admin.token, partial)).createCreditNote as Record<string, string>;
    expect([first.number, money(first.subtotal), money(first.tax), money(first.total)]).toEqual([
      'CN-000001',
      '30.00',
      '5.70',
      '35.70',
    ]);
    const after = (await invoiceOf(invoice.id)) as Record<string, unknown>;
    expect([after.status, money(after.amountDue), money(after.creditedAmount)]).toEqual(['OPEN', '83.30', '35.70']);

    // More than the 70.00 left on the line: refused, and the number is not used up.
    const tooMuch = await credit(a.admin.token, {
      ...partial,
      lines: [{ invoiceLineId: invoice.lineId, amount: '70.01' }],
    });
    expect(tooMuch.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.lines.0.amount',
    });

    const rest = dataOf(await credit(a.admin.token, { ...partial, lines: undefined, full: true }))
      .createCreditNote as Record<string, string>;
    expect([rest.number, money(rest.subtotal), money(rest.tax), money(rest.total)]).toEqual([
      'CN-000002',
      '70.00',
      '13.30',
      '83.30',
    ]);
    const settled = (await invoiceOf(invoice.id)) as Record<string, unknown>;
    expect([settled.status, money(settled.amountDue), money(settled.creditedAmount)]).toEqual([
      'PAID',
      '0.00',
      '119.00',
    ]);
    expect(settled.creditNotes).toEqual([
      { number: 'CN-000001', total: first.total },
      { number: 'CN-000002', total: rest.total },
    ]);
    const audit = await db.billing.auditLog.findMany({ where: { entityId: invoice.id }, select: { action: true } });
    expect(audit.map((row) => row.action)).toEqual(['invoice.create', 'invoice.credit', 'invoice.credit']);
  });

  it('a PAID invoice is refunded, at most what was paid; an OPEN one cannot be refunded', async () => {
    const invoice = await openInvoice();
    const refund = { invoiceId: invoice.id, full: true, reason: 'DUPLICATE', settlement: 'REFUND' };
    const early = await credit(a.admin.token, refund);
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.settlement' });
    dataOf(await as(superToken, `mutation { markInvoicePaid(id: "${invoice.id}") { id } }`));
    const note = dataOf(await credit(a.admin.token, refund)).createCreditNote as Record<string, string>;
    expect([note.settlement, money(note.total)]).toEqual(['REFUND', '119.00']);
    const after = (await invoiceOf(invoice.id)) as Record<string, unknown>;
    expect([after.status, money(after.refundedAmount), money(after.amountDue)]).toEqual(['PAID', '119.00', '0.00']);
    const again = await credit(a.admin.token, refund);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.invoiceId' });
  });

  it('a CLIENT reads credit notes but cannot issue them', async () => {
    const invoice = await openInvoice();
    const input = { invoiceId: invoice.id, full: true, reason: 'OTHER', settlement: 'REDUCE_AMOUNT_DUE' };
    expect(errorCode((await credit(a.client.token, input)).body)).toBe('FORBIDDEN');
    dataOf(await credit(a.admin.token, input));
    const listed = dataOf(
      await as(a.client.token, `query ($id: ID!) { creditNotes(filter: { invoiceId: $id }) { totalCount } }`, {
        id: invoice.id,
      }),
    ).creditNotes;
    expect(listed).toEqual({ totalCount: 1 });
  });

  it('paying a partly credited invoice collects what was due; revenue counts what was collected less refunds; a credited invoice is not voided', async () => {
    const revenue = async () =>
      (
        await db.billing.billingTenantRevenueTotal.findMany({ where: { tenantId: a.tenant.id, currency: 'USD' } })
      ).reduce((sum, row) => sum + Number(row.amount), 0);
    const before = await revenue();
    const invoice = await openInvoice();
    const partial = {
      invoiceId: invoice.id,
      lines: [{ invoiceLineId: invoice.lineId, amount: '30.00' }],
      reason: 'ORDER_CHANGE',
      settlement: 'REDUCE_AMOUNT_DUE',
    };
    dataOf(await credit(a.admin.token, partial));
    const voided = await as(superToken, `mutation { voidInvoice(id: "${invoice.id}") { id } }`);
    expect(voided.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const paid = dataOf(await as(superToken, `mutation { markInvoicePaid(id: "${invoice.id}") { status amountPaid } }`))
      .markInvoicePaid as Record<string, string>;
    expect([paid.status, money(paid.amountPaid)]).toEqual(['PAID', '83.30']);
    expect(money((await revenue()) - before)).toBe('83.30');
    dataOf(await credit(a.admin.token, { ...partial, lines: undefined, full: true, settlement: 'REFUND' }));
    expect(money((await revenue()) - before)).toBe('0.00');
  });
});
