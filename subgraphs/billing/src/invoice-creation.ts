import {
  badInput,
  isUniqueViolation,
  isUuid,
  parseInput,
  recordAudit,
  recordRowEvent,
  requireIdentity,
  inputSchema,
  checkDerivedDate,
  conflict,
  notFound,
} from '@codex/kit';
import { z } from 'zod';
import { Prisma, type Invoice, type Plan, type Subscription } from './db.ts';
import { defaultDaysUntilDue } from './invoices.ts';
import { nextInvoiceNumber } from './invoice-numbers.ts';
import { invoiceFigures, type PricedLine } from './money.ts';
import { addDays } from './periods.ts';
import { inTransaction, type BillingRequest, type BillingTx } from './request.ts';
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
type CreateInvoiceInput = z.infer<typeof createInvoiceInput>;

interface Line extends PricedLine {
  description: string;
  planId: string | null;
  periodStart: Date;
  periodEnd: Date;
}

const subscriptionMissing = () => notFound('Subscription', 'input.subscriptionId');
const periodBilled = () => conflict('This period of the subscription is already invoiced', 'input.periodStart');
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The plan's price for the period, per seat; then one line per metric and unit price of the period's usage. */
async function invoiceLines(
  _tx: BillingTx,
  subscription: Subscription & { plan: Plan },
  input: CreateInvoiceInput,
): Promise<Line[]> {
  const period = { periodStart: input.periodStart, periodEnd: input.periodEnd };
  const { plan } = subscription;
  return [
    {
      description: `${plan.name} (${day(input.periodStart)} – ${day(input.periodEnd)})`,
      quantity: new Prisma.Decimal(subscription.quantity),
      unitPrice: plan.amount,
      planId: plan.id,
      ...period,
    },
  ];
}

/**
 * SUPERADMIN (permission map). One transaction: the tenant's next number (which queues concurrent
 * invoices of the tenant), the period check, the lines, the usage marked as billed, the audit row.
 */
export async function createInvoiceForPeriod(
  request: BillingRequest,
  input: CreateInvoiceForPeriodInput,
): Promise<Invoice> {
  requireIdentity(request.identity);
  const data = parseInput(createInvoiceInput, input, 'input');
  if (!isUuid(data.subscriptionId)) throw subscriptionMissing();
  try {
    return await inTransaction(request, async (tx) => {
      const subscription = await tx.subscription.findFirst({
        where: { id: data.subscriptionId },
        include: { plan: true },
      });
      if (!subscription) throw subscriptionMissing();
      const number = await nextInvoiceNumber(tx, subscription.tenantId);
      const billed = await tx.invoice.findFirst({
        where: {
          subscriptionId: subscription.id,
          periodStart: data.periodStart,
          periodEnd: data.periodEnd,
          status: { not: 'VOID' },
        },
        select: { id: true },
      });
      if (billed) throw periodBilled();
      const invoice = await writeInvoice(tx, subscription, number, data);
      await recordAudit(tx, request, {
        tenantId: invoice.tenantId,
        action: 'invoice.create',
        entityType: 'Invoice',
        entityId: invoice.id,
        changes: {
          number,
          status: invoice.status,
          subscriptionId: subscription.id,
          periodStart: data.periodStart,
          periodEnd: data.periodEnd,
          subtotal: invoice.subtotal,
          discount: invoice.discount,
          tax: invoice.tax,
          total: invoice.total,
        },
      });
      await recordRowEvent(tx, request, 'invoice.created', invoice);
      // Issued at once: consumers of `invoice.opened` hear of it as of a finalized draft.
      if (invoice.status === 'OPEN') await recordRowEvent(tx, request, 'invoice.opened', invoice);
      return invoice;
    });
  } catch (error) {
    // The index behind the period check (a race it cannot lose while the counter queues invoices).
    if (isUniqueViolation(error)) throw periodBilled();
    throw error;
  }
}

function figuresOf(lines: Line[], data: CreateInvoiceInput) {
  let figures: ReturnType<typeof invoiceFigures<Line>>;
  try {
    figures = invoiceFigures(lines, data.discount ?? new Prisma.Decimal(0), data.taxRate ?? new Prisma.Decimal(0));
  } catch (error) {
    if (error instanceof RangeError) throw badInput('The discount cannot exceed the subtotal', 'input.discount');
    throw error;
  }
  // Decimal(19,4) columns: a sum past them would fail the insert as a database error.
  const amounts = [figures.subtotal, figures.total, ...figures.lines.map((line) => line.amount)];
  if (amounts.some((amount) => amount.abs().greaterThanOrEqualTo(billingLimits.money)))
    throw badInput('The invoice amounts exceed what an invoice can hold', 'input.subscriptionId');
  return figures;
}

/** The invoice row and its lines; a draft unless `finalize` (then issued now, due in 30 days unless `dueDate`). */
async function writeInvoice(
  tx: BillingTx,
  subscription: Subscription & { plan: Plan },
  number: string,
  data: CreateInvoiceInput,
): Promise<Invoice> {
  const figures = figuresOf(await invoiceLines(tx, subscription, data), data);
  const now = new Date();
  const issued = data.finalize
    ? {
        status: 'OPEN' as const,
        issuedAt: now,
        dueDate: data.dueDate ?? checkDerivedDate(addDays(now, defaultDaysUntilDue), 'input.dueDate', 'due date'),
      }
    : { status: 'DRAFT' as const, dueDate: data.dueDate ?? null };
  const { tenantId } = subscription;
  const invoice = await tx.invoice.create({
    data: {
      tenantId,
      number,
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
      currency: subscription.plan.currency,
      subtotal: figures.subtotal,
      discount: figures.discount,
      tax: figures.tax,
      total: figures.total,
      periodStart: data.periodStart,
      periodEnd: data.periodEnd,
      notes: data.notes ?? null,
      ...issued,
    },
  });
  await tx.invoiceLineItem.createMany({
    data: figures.lines.map((line, position) => ({ tenantId, invoiceId: invoice.id, position, ...line })),
  });
  return invoice;
}
