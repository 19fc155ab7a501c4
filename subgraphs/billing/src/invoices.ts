import { loadTenantPage, sortOrderOf, type ListArgs } from '@codex/kit';
import type { Invoice } from './db.ts';
import type { InvoiceFilter, InvoiceOrder } from './generated/graphql.ts';
import { equals, idEquals } from './lists.ts';
import type { BillingRequest } from './request.ts';

export type InvoiceListArgs = ListArgs<InvoiceFilter, InvoiceOrder>;

export const listInvoices = (request: BillingRequest, args: InvoiceListArgs) =>
  loadTenantPage(
    request,
    args,
    request.db.invoice,
    {
      AND: [
        equals('status', args.filter?.status),
        idEquals('customerId', args.filter?.customerId),
        idEquals('subscriptionId', args.filter?.subscriptionId),
        args.filter?.dueBefore ? { dueDate: { lt: args.filter.dueBefore } } : {},
      ],
    },
    sortOrderOf(args.orderBy, { CREATED_AT: 'createdAt', NUMBER: 'number', TOTAL: 'total' }),
  );

/** Issued, unpaid and past its due date. */
export const isOverdue = (invoice: Pick<Invoice, 'status' | 'dueDate'>, now = new Date()) =>
  invoice.status === 'OPEN' && invoice.dueDate !== null && invoice.dueDate < now;

/** Days from issue to due date when the invoice does not name one. */
export const defaultDaysUntilDue = 30;
