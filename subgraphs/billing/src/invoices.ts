import { tenantList } from '@codex/kit';
import { Prisma, type Invoice } from './db.ts';
import type { InvoiceFilter } from './generated/graphql.ts';
import { columnsEqual } from './lists.ts';
import type { BillingRequest } from './request.ts';

export const listInvoices = tenantList((db: BillingRequest['db']) => db.invoice, {
  where: (filter?: InvoiceFilter | null) => {
    const { dueBefore, ...columns } = filter ?? {};
    return {
      AND: [columnsEqual(columns, ['customerId', 'subscriptionId']), dueBefore ? { dueDate: { lt: dueBefore } } : {}],
    };
  },
  order: { CREATED_AT: 'createdAt', NUMBER: 'number', TOTAL: 'total' },
});

/** Issued, unpaid and past its due date. */
export const isOverdue = (invoice: Pick<Invoice, 'status' | 'dueDate'>, now = new Date()) =>
  invoice.status === 'OPEN' && invoice.dueDate !== null && invoice.dueDate < now;

/** total − amountPaid − creditedAmount, never below 0. */
export const amountDue = (invoice: Pick<Invoice, 'total' | 'amountPaid' | 'creditedAmount'>) =>
  Prisma.Decimal.max(invoice.total.minus(invoice.amountPaid).minus(invoice.creditedAmount), 0);

/** Days from issue to due date when the invoice does not name one. */
export const defaultDaysUntilDue = 30;
