import { isUuid } from '@codex/kit';
import { customerOf } from '../customers.ts';
import type { InvoiceResolvers } from '../generated/graphql.ts';
import { amountDue, isOverdue } from '../invoices.ts';

export const Invoice: InvoiceResolvers = {
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.invoiceById.load(reference.id) : null,
  customer: (invoice) => customerOf(invoice),
  subscription: (invoice, _args, context) =>
    invoice.subscriptionId ? context.loaders.subscriptionById.load(invoice.subscriptionId) : null,
  overdue: (invoice) => isOverdue(invoice),
  lines: (invoice, _args, context) => context.loaders.linesOfInvoice.load(invoice.id),
  amountDue: (invoice) => amountDue(invoice),
  creditNotes: (invoice, _args, context) => context.loaders.creditNotesOfInvoice.load(invoice.id),
  discounts: (invoice, _args, context) => context.loaders.discountsOfInvoice.load(invoice.id),
};
