import { customerOf } from '../customers.ts';
import type { CreditNoteLineResolvers, CreditNoteResolvers } from '../generated/graphql.ts';

export const CreditNote: CreditNoteResolvers = {
  // A credit note never outlives its invoice, and both share a tenant.
  invoice: async (note, _args, context) => {
    const invoice = await context.loaders.invoiceById.load(note.invoiceId);
    if (!invoice) throw new Error(`credit note ${note.id} has no invoice`);
    return invoice;
  },
  customer: (note) => customerOf(note),
  discount: (note) => note.subtotal.plus(note.tax).minus(note.total),
  lines: (note, _args, context) => context.loaders.linesOfCreditNote.load(note.id),
};

export const CreditNoteLine: CreditNoteLineResolvers = {
  invoiceLine: (line, _args, context) => context.loaders.invoiceLineById.load(line.invoiceLineItemId),
};
