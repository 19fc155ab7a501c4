import { badInput, inputSchema, isUuid, notFound, parseInput, requireIdentity } from '@codex/kit';
import { z } from 'zod';
import type { Invoice } from './db.ts';
import { draftInvoice, issueInvoice, type InvoiceDraft } from './invoice-builder.ts';
import { transactionReads } from './draft-reads.ts';
import { inTransaction, type BillingRequest } from './request.ts';
import type { CreateInvoiceForPeriodInput } from './generated/graphql.ts';
import { billingLimits, centsSchema, dateSchema, lookupIdSchema, notesSchema, percentSchema } from './validation.ts';

const createInvoiceInput = inputSchema<CreateInvoiceForPeriodInput>()(
  z
    .object({
      subscriptionId: lookupIdSchema,
      periodStart: dateSchema,
      periodEnd: dateSchema,
      taxRate: percentSchema.nullish(),
      discount: centsSchema.nullish(),
      dueDate: dateSchema.nullish(),
      finalize: z.boolean().nullish(),
      notes: notesSchema.nullish(),
    })
    .refine((input) => input.periodEnd > input.periodStart, {
      message: 'must be after periodStart',
      path: ['periodEnd'],
    }),
);

const subscriptionMissing = () => notFound('Subscription', 'input.subscriptionId');

/** Decimal(19,4) columns: a sum past them would fail the insert as a database error. */
function checkFits(draft: InvoiceDraft) {
  const amounts = [draft.subtotal, draft.total, ...draft.lines.map((line) => line.amount)];
  if (amounts.some((amount) => amount.abs().greaterThanOrEqualTo(billingLimits.money)))
    throw badInput('The invoice amounts exceed what an invoice can hold', 'input.subscriptionId');
}

/**
 * SUPERADMIN (permission map): a MANUAL invoice built by the invoice builder in one transaction —
 * the plan for the period, the usage not billed yet up to the period's end, pending items, then the
 * manual discount and tax; the tenant's next gap-free number. A period is billed once (CONFLICT).
 */
export async function createInvoiceForPeriod(
  request: BillingRequest,
  input: CreateInvoiceForPeriodInput,
): Promise<Invoice> {
  requireIdentity(request.identity);
  const data = parseInput(createInvoiceInput, input, 'input');
  if (!isUuid(data.subscriptionId)) throw subscriptionMissing();
  const now = new Date();
  return inTransaction(request, async (tx) => {
    const subscription = await tx.subscription.findFirst({
      where: { id: data.subscriptionId },
      include: { plan: true },
    });
    if (!subscription) throw subscriptionMissing();
    const options = { reason: 'MANUAL' as const, periodStart: data.periodStart, periodEnd: data.periodEnd };
    let draft: InvoiceDraft;
    try {
      draft = await draftInvoice(transactionReads(tx), subscription, {
        ...options,
        usageTo: data.periodEnd,
        asOf: now,
        taxRatePercent: data.taxRate ?? undefined,
        manualDiscount: data.discount ?? undefined,
      });
    } catch (error) {
      if (error instanceof RangeError) throw badInput('The discount cannot exceed the subtotal', 'input.discount');
      throw error;
    }
    checkFits(draft);
    return issueInvoice(tx, request, subscription, draft, {
      reason: 'MANUAL',
      dueDate: data.dueDate,
      finalize: data.finalize ?? false,
      notes: data.notes,
      now,
      inputPath: 'input',
    });
  });
}
