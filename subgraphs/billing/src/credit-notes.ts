import {
  auditRow,
  badInput,
  existingId,
  findExisting,
  inputSchema,
  parseInput,
  recordRowChange,
  recordRowEvent,
  requireIdentity,
  tenantList,
  textSchema,
} from '@codex/kit';
import { z } from 'zod';
import { type CreditNote, type Invoice, Prisma } from './db.ts';
import { type CreditRequest, creditNoteFigures } from './credit-notes-figures.ts';
import type { CreateCreditNoteInput, CreditNoteFilter } from './generated/graphql.ts';
import { amountDue } from './invoices.ts';
import { columnsEqual } from './lists.ts';
import { inTransaction, lockRow, type BillingRequest, type BillingTx } from './request.ts';
import { amountSchema, lookupIdSchema } from './validation.ts';

/** Most lines one credit note names (an invoice shows at most 500). */
const maxCreditLines = 500;
const createCreditNoteInput = inputSchema<CreateCreditNoteInput>()(
  z
    .object({
      invoiceId: lookupIdSchema,
      lines: z
        .array(z.object({ invoiceLineId: lookupIdSchema, amount: amountSchema }))
        .max(maxCreditLines, `must name at most ${maxCreditLines} lines`)
        .nullish(),
      full: z.boolean().nullish(),
      reason: z.enum(['DUPLICATE', 'FRAUDULENT', 'ORDER_CHANGE', 'PRODUCT_UNSATISFACTORY', 'OTHER']),
      memo: textSchema(2000).nullish(),
      settlement: z.enum(['REDUCE_AMOUNT_DUE', 'REFUND']),
    })
    .refine((input) => Boolean(input.full) !== Boolean(input.lines), {
      message: 'give either lines or full: true',
      path: ['lines'],
    }),
);
type ParsedInput = z.infer<typeof createCreditNoteInput>;

export const listCreditNotes = tenantList((db: BillingRequest['db']) => db.creditNote, {
  where: (filter?: CreditNoteFilter | null) => columnsEqual(filter ?? {}, ['invoiceId', 'customerId']),
  order: { CREATED_AT: 'createdAt', NUMBER: 'number' },
});

/**
 * The tenant's next credit note number, `CN-000001`: the same locked counter row as invoices use
 * (a rolled-back note gives its number back), in a table of its own.
 */
async function nextCreditNoteNumber(tx: BillingTx, tenantId: string): Promise<string> {
  const [counter] = await tx.$queryRaw<{ prefix: string; last_value: number }[]>`
    INSERT INTO credit_note_number_counters (tenant_id, last_value) VALUES (${tenantId}::uuid, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET last_value = credit_note_number_counters.last_value + 1, updated_at = now()
    RETURNING prefix, last_value`;
  if (!counter) throw new Error('credit note number counter returned no row');
  return `${counter.prefix}-${String(counter.last_value).padStart(6, '0')}`;
}

/** OPEN invoices lower what is due; PAID ones record a refund (Stripe's pre- and post-payment credit notes). */
function checkSettlement(invoice: Invoice, settlement: ParsedInput['settlement']) {
  if (invoice.status !== 'OPEN' && invoice.status !== 'PAID')
    throw badInput(`A ${invoice.status} invoice takes no credit notes`, 'input.invoiceId');
  if (settlement === 'REDUCE_AMOUNT_DUE' && invoice.status !== 'OPEN')
    throw badInput('Only an OPEN invoice has an amount due to reduce: refund a PAID one', 'input.settlement');
  if (settlement === 'REFUND' && invoice.status !== 'PAID')
    throw badInput('Only a PAID invoice can be refunded: reduce the amount due of an OPEN one', 'input.settlement');
}

/** The invoice's lines with what earlier credit notes took of each, and the notes' tax and total so far. */
async function creditableInvoice(tx: BillingTx, invoice: Invoice) {
  const [lines, creditedLines, earlier] = await Promise.all([
    tx.invoiceLineItem.findMany({ where: { invoiceId: invoice.id }, orderBy: { position: 'asc' } }),
    tx.creditNoteLine.groupBy({
      by: ['invoiceLineItemId'],
      where: { creditNote: { invoiceId: invoice.id } },
      _sum: { amount: true },
    }),
    tx.creditNote.aggregate({ where: { invoiceId: invoice.id }, _sum: { tax: true, total: true } }),
  ]);
  const credited = new Map(creditedLines.map((row) => [row.invoiceLineItemId, row._sum.amount]));
  return {
    lines: lines.map((line) => ({ ...line, credited: credited.get(line.id) ?? new Prisma.Decimal(0) })),
    invoice: {
      currency: invoice.currency,
      tax: invoice.tax,
      total: invoice.total,
      creditedTax: earlier._sum.tax ?? new Prisma.Decimal(0),
      creditedTotal: earlier._sum.total ?? new Prisma.Decimal(0),
    },
  };
}

const creditRequest = (data: ParsedInput): CreditRequest =>
  data.full ? { full: true } : { full: false, lines: data.lines ?? [] };

/** The invoice after the note: less due (a fully credited OPEN invoice is settled: PAID, as Stripe does) or more refunded. */
function settledInvoice(invoice: Invoice, note: CreditNote, now: Date): Partial<Invoice> {
  if (note.settlement === 'REFUND') return { refundedAmount: invoice.refundedAmount.plus(note.total) };
  const creditedAmount = invoice.creditedAmount.plus(note.total);
  const settled = amountDue({ ...invoice, creditedAmount }).isZero();
  return { creditedAmount, ...(settled ? { status: 'PAID' as const, paidAt: now } : {}) };
}

/**
 * ADMIN of the invoice's tenant (or SUPERADMIN): a credit note against an OPEN or PAID invoice, for
 * named lines or all that is left, with its share of the tax; numbered `CN-…` gap-free per tenant.
 * Issued notes never change: a correction is another note.
 */
export async function createCreditNote(request: BillingRequest, input: CreateCreditNoteInput): Promise<CreditNote> {
  requireIdentity(request.identity);
  const data = parseInput(createCreditNoteInput, input, 'input');
  const invoiceId = existingId(data.invoiceId, 'Invoice');
  return inTransaction(request, async (tx) => {
    await lockRow(tx, 'invoices', invoiceId);
    const invoice = await findExisting(tx.invoice, invoiceId, 'Invoice');
    checkSettlement(invoice, data.settlement);
    const creditable = await creditableInvoice(tx, invoice);
    const figures = creditNoteFigures(creditable.lines, creditable.invoice, creditRequest(data));
    const room = data.settlement === 'REFUND' ? invoice.amountPaid.minus(invoice.refundedAmount) : amountDue(invoice);
    if (figures.total.greaterThan(room))
      throw badInput(
        `At most ${room.toFixed(2)} is left to ${data.settlement === 'REFUND' ? 'refund' : 'credit'}`,
        'input.lines',
      );
    const note = await writeCreditNote(tx, invoice, data, figures, request.clock.now());
    const now = request.clock.now();
    const updated = await tx.invoice.update({ where: { id: invoiceId }, data: settledInvoice(invoice, note, now) });
    await auditRow(tx, request, 'credit_note.create', 'CreditNote', note, {
      number: note.number,
      invoiceId,
      settlement: note.settlement,
      total: note.total,
      lines: figures.lines,
    });
    await recordRowEvent(tx, request, 'credit_note.created', note, { extra: { lines: figures.lines } });
    await auditRow(tx, request, 'invoice.credit', 'Invoice', invoice, {
      creditNote: note.number,
      status: updated.status,
    });
    const event = updated.status === 'PAID' && invoice.status === 'OPEN' ? 'invoice.paid' : 'invoice.credited';
    await recordRowChange(tx, request, event, invoice, updated);
    return note;
  });
}

async function writeCreditNote(
  tx: BillingTx,
  invoice: Invoice,
  data: ParsedInput,
  figures: ReturnType<typeof creditNoteFigures>,
  issuedAt: Date,
): Promise<CreditNote> {
  const note = await tx.creditNote.create({
    data: {
      tenantId: invoice.tenantId,
      number: await nextCreditNoteNumber(tx, invoice.tenantId),
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      currency: invoice.currency,
      reason: data.reason,
      memo: data.memo ?? null,
      settlement: data.settlement,
      subtotal: figures.subtotal,
      tax: figures.tax,
      total: figures.total,
      issuedAt,
    },
  });
  await tx.creditNoteLine.createMany({
    data: figures.lines.map((line, position) => ({
      tenantId: invoice.tenantId,
      creditNoteId: note.id,
      position,
      ...line,
    })),
  });
  return note;
}
