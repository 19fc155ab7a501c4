import { byIdLoaders, type DataScope } from '@codex/kit';
import type { BillingDatabase, CreditNote, CreditNoteLine } from './db.ts';
import { childrenLoader } from './loaders.ts';

/** Most credit notes an invoice shows (oldest first) and most lines one credit note shows. */
export const maxCreditNotesPerInvoice = 100;
export const maxCreditNoteLines = 500;

/** Per request, over the request's scoped database (see createBillingLoaders). */
export function createCreditNoteLoaders(db: BillingDatabase, scope: DataScope) {
  const notesByIds = (ids: string[]): Promise<CreditNote[]> => db.creditNote.findMany({ where: { id: { in: ids } } });
  const linesByIds = (ids: string[]): Promise<CreditNoteLine[]> =>
    db.creditNoteLine.findMany({ where: { id: { in: ids } } });
  return {
    ...byIdLoaders({ creditNoteById: db.creditNote, invoiceLineById: db.invoiceLineItem }),
    creditNotesOfInvoice: childrenLoader(
      db,
      scope,
      {
        table: 'credit_notes',
        keyColumn: 'invoice_id',
        order: 'created_at ASC, id ASC',
        limit: maxCreditNotesPerInvoice,
      },
      notesByIds,
    ),
    linesOfCreditNote: childrenLoader(
      db,
      scope,
      {
        table: 'credit_note_lines',
        keyColumn: 'credit_note_id',
        order: 'position ASC, id ASC',
        limit: maxCreditNoteLines,
      },
      linesByIds,
    ),
  };
}
