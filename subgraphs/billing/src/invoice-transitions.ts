import { checkDerivedDate } from '@codex/kit';
import { auditRow, badInput, existingId, findExisting, parseInput, recordRowChange, type AuditEntry } from '@codex/kit';
import type { Invoice, InvoiceStatus } from './db.ts';
import { defaultDaysUntilDue } from './invoices.ts';
import { addDays } from './periods.ts';
import { inTransaction, lockRow, type BillingRequest, type BillingTx } from './request.ts';
import { dateSchema } from './validation.ts';
import { reactivateIfSettled } from './clock/past-due.ts';

/** The invoice lifecycle (Stripe's): DRAFT → OPEN → PAID | UNCOLLECTIBLE, DRAFT/OPEN → VOID. */
interface Transition {
  action: string;
  /** The domain event it is told as. */
  event: string;
  from: InvoiceStatus[];
  to: InvoiceStatus;
  /** Refuses an invoice the transition's statuses allow but its state does not (BAD_USER_INPUT on `id`). */
  refuse?: (invoice: Invoice) => string | null;
  /** Further columns the transition sets. */
  data: (invoice: Invoice, now: Date) => Partial<Invoice>;
  /** Other rows it changes, in the same transaction. */
  also?: (tx: BillingTx, invoice: Invoice) => Promise<AuditEntry['changes']>;
}

/** SUPERADMIN (permission map). Any other transition is BAD_USER_INPUT on `id`. */
async function transition(request: BillingRequest, id: string, step: Transition): Promise<Invoice> {
  const invoiceId = existingId(id, 'Invoice');
  return inTransaction(request, async (tx) => {
    await lockRow(tx, 'invoices', invoiceId);
    const invoice = await findExisting(tx.invoice, invoiceId, 'Invoice');
    if (!step.from.includes(invoice.status))
      throw badInput(`A ${invoice.status} invoice cannot become ${step.to}`, 'id');
    const refusal = step.refuse?.(invoice);
    if (refusal) throw badInput(refusal, 'id');
    const data = { status: step.to, ...step.data(invoice, request.clock.now()) };
    const updated = await tx.invoice.update({ where: { id: invoiceId }, data });
    const more = (await step.also?.(tx, invoice)) ?? {};
    await auditRow(tx, request, step.action, 'Invoice', invoice, { from: invoice.status, ...data, ...more });
    await recordRowChange(tx, request, step.event, invoice, updated);
    return updated;
  });
}

export const finalizeInvoice = (request: BillingRequest, id: string) =>
  transition(request, id, {
    action: 'invoice.finalize',
    event: 'invoice.opened',
    from: ['DRAFT'],
    to: 'OPEN',
    data: (invoice, now) => ({
      issuedAt: now,
      dueDate: invoice.dueDate ?? checkDerivedDate(addDays(now, defaultDaysUntilDue), 'id', 'due date'),
    }),
  });

const paidAtSchema = (now: Date) =>
  dateSchema.refine((date) => date.getTime() <= now.getTime() + 60_000, 'must not be in the future').nullish();

/**
 * Paid in full, at `paidAt` (default now; never in the future): what was due, the total less what
 * credit notes took off it. A PAST_DUE subscription with no other overdue invoice is ACTIVE again
 * (the billing clock made it PAST_DUE).
 */
export function markInvoicePaid(request: BillingRequest, id: string, paidAt: Date | null | undefined) {
  const at = parseInput(paidAtSchema(request.clock.now()), paidAt, 'paidAt');
  return transition(request, id, {
    action: 'invoice.pay',
    event: 'invoice.paid',
    from: ['OPEN'],
    to: 'PAID',
    data: (invoice, now) => ({ paidAt: at ?? now, amountPaid: invoice.total.minus(invoice.creditedAmount) }),
    also: (tx, invoice) => reactivateIfSettled(tx, request, invoice, request.clock.now()),
  });
}

/**
 * Voiding frees the invoice's period, its pending items and its usage window to be billed by a new
 * invoice. An invoice with credit notes stays: they are documents against it (credit the rest instead).
 */
export const voidInvoice = (request: BillingRequest, id: string) =>
  transition(request, id, {
    action: 'invoice.void',
    event: 'invoice.voided',
    from: ['DRAFT', 'OPEN'],
    to: 'VOID',
    refuse: (invoice) =>
      invoice.creditedAmount.isZero()
        ? null
        : 'An invoice with credit notes cannot be voided: credit what is left instead',
    data: (_invoice, now) => ({ voidedAt: now }),
    also: async (tx, invoice) => {
      const released = await tx.pendingInvoiceItem.updateMany({
        where: { invoiceId: invoice.id },
        data: { invoiceId: null },
      });
      // Its usage window is billable again when no later invoice billed past it.
      const rewound =
        invoice.subscriptionId && invoice.usageFrom && invoice.usageTo
          ? await tx.subscription.updateMany({
              where: { id: invoice.subscriptionId, usageBilledThrough: invoice.usageTo },
              data: { usageBilledThrough: invoice.usageFrom },
            })
          : { count: 0 };
      return { pendingItemsReleased: released.count, usageRewound: rewound.count > 0 };
    },
  });

export const markInvoiceUncollectible = (request: BillingRequest, id: string) =>
  transition(request, id, {
    action: 'invoice.mark_uncollectible',
    event: 'invoice.uncollectible',
    from: ['OPEN'],
    to: 'UNCOLLECTIBLE',
    data: () => ({}),
  });
