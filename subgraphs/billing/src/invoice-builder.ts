import { checkDerivedDate, conflict, isUniqueViolation, recordAudit, recordRowEvent, type Identity } from '@codex/kit';
import { storedCharge } from './charge-properties.ts';
import { priceCharge } from './charge-models.ts';
import { Prisma, type BillingReason, type Invoice, type InvoiceLineKind, type Plan, type Subscription } from './db.ts';
import { nextInvoiceNumber } from './invoice-numbers.ts';
import { roundMoney } from './money.ts';
import { addDays } from './periods.ts';
import type { BillingTx } from './request.ts';
import type { DraftReads } from './draft-reads.ts';

type Decimal = Prisma.Decimal;

/** A subscription as the builder reads it: with its current plan. */
export type BillableSubscription = Subscription & { plan: Plan };

/** One line of a draft: priced and rounded to the currency's minor unit, not yet stored. */
export interface DraftLine {
  kind: InvoiceLineKind;
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  /** Signed (proration credits are negative), rounded half-up via `roundMoney`. */
  amount: Decimal;
  periodStart: Date | null;
  periodEnd: Date | null;
  planId: string | null;
  chargeId: string | null;
  billableMetricId: string | null;
  /** How the amount was reached (tiers, packages, per-event figures); stored as the line's `details`. */
  details: Record<string, unknown> | null;
  /** The pending invoice item the line bills (marked billed by `issueInvoice`). */
  pendingItemId: string | null;
}

/** A coupon's amount off one draft. */
export interface DraftDiscount {
  appliedCouponId: string;
  couponId: string;
  description: string;
  amount: Decimal;
}

export interface InvoiceDraft {
  lines: DraftLine[];
  discounts: DraftDiscount[];
  subtotal: Decimal;
  discount: Decimal;
  tax: Decimal;
  total: Decimal;
  currency: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  usageFrom: Date;
  usageTo: Date;
}

export interface DraftOptions {
  reason: BillingReason;
  /** The plan period billed in advance; null: no plan line. */
  periodStart: Date | null;
  periodEnd: Date | null;
  /** Usage in [subscription.usageBilledThrough, usageTo) is billed in arrears. */
  usageTo: Date;
  /** The time the draft is made at (coupon expiry, descriptions). */
  asOf: Date;
  /** Tax in percent of subtotal − discount (default 0). */
  taxRatePercent?: Decimal;
  /** A manual amount off (createInvoiceForPeriod), after coupons (default 0). */
  manualDiscount?: Decimal;
}

/** Who issues: a request's identity, or `identity: null` with `requestId: 'job:<task>:<id>'` (audited as SYSTEM). */
export interface BillingActor {
  identity: Identity | null;
  requestId: string;
}

export interface IssueOptions {
  reason: BillingReason;
  /** Default: issue time + the plan's `daysUntilDue` (only when finalized). */
  dueDate?: Date | null;
  /** OPEN at once (issued now) instead of DRAFT. */
  finalize: boolean;
  notes?: string | null;
  /** The issue time (default now); jobs pass their clock's time. */
  now?: Date;
  /** The argument errors are named under (`input` → `input.periodStart`); default none. */
  inputPath?: string;
}

const { Decimal } = Prisma;
const zero = new Decimal(0);
const day = (date: Date) => date.toISOString().slice(0, 10);

const line = (fields: Partial<DraftLine> & Pick<DraftLine, 'kind' | 'description' | 'amount'>): DraftLine => ({
  quantity: new Decimal(1),
  unitPrice: fields.amount,
  periodStart: null,
  periodEnd: null,
  planId: null,
  chargeId: null,
  billableMetricId: null,
  details: null,
  pendingItemId: null,
  ...fields,
});

/** The plan's price for [periodStart, periodEnd), in advance, per seat. */
function planLine(subscription: BillableSubscription, periodStart: Date, periodEnd: Date): DraftLine {
  const { plan } = subscription;
  const quantity = new Decimal(subscription.quantity);
  return line({
    kind: 'PLAN',
    description: `${plan.name} (${day(periodStart)} – ${day(periodEnd)})`,
    quantity,
    unitPrice: plan.amount,
    amount: roundMoney(quantity.times(plan.amount), plan.currency),
    periodStart,
    periodEnd,
    planId: plan.id,
  });
}

/** One line per plan charge: its metric's usage in the window, priced by its model and rounded once. */
async function usageLines(reads: DraftReads, subscription: BillableSubscription, window: { from: Date; to: Date }) {
  const charges = await reads.charges(subscription.planId);
  const usage = await reads.usage(subscription.id, charges, window);
  return charges.map((charge, k) => {
    const metric = charge.billableMetric;
    const priced = priceCharge(storedCharge(charge), usage[k] ?? { aggregate: zero });
    const amount = roundMoney(priced.amount, subscription.plan.currency);
    return line({
      kind: 'USAGE',
      description: `Usage: ${metric.name} (${day(window.from)} – ${day(window.to)})`,
      quantity: priced.units,
      // The effective price per unit (tiers and fees make it an average).
      unitPrice: priced.units.isZero() ? zero : amount.dividedBy(priced.units).toDecimalPlaces(4),
      amount,
      periodStart: window.from,
      periodEnd: window.to,
      chargeId: charge.id,
      billableMetricId: metric.id,
      details: priced.details,
    });
  });
}

async function pendingLines(reads: DraftReads, subscriptionId: string): Promise<DraftLine[]> {
  const items = await reads.pendingItems(subscriptionId);
  return items.map((item) =>
    line({
      kind: item.kind,
      description: item.description,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      amount: item.amount,
      periodStart: item.periodStart,
      periodEnd: item.periodEnd,
      pendingItemId: item.id,
    }),
  );
}

/** Active coupons in order of application, each off what the ones before left (never below 0). */
async function couponDiscounts(
  reads: DraftReads,
  subscription: BillableSubscription,
  subtotal: Decimal,
): Promise<DraftDiscount[]> {
  const applied = await reads.coupons(subscription.id);
  const { currency } = subscription.plan;
  let left = Decimal.max(subtotal, zero);
  const discounts: DraftDiscount[] = [];
  for (const { coupon, ...application } of applied) {
    if (coupon.kind === 'FIXED_AMOUNT' && coupon.currency !== currency) continue;
    const off =
      coupon.kind === 'PERCENTAGE'
        ? roundMoney(left.times(coupon.percentOff ?? zero).dividedBy(100), currency)
        : Decimal.min(coupon.amountOff ?? zero, left);
    left = left.minus(off);
    const description =
      coupon.kind === 'PERCENTAGE' ? `${coupon.name} (${coupon.percentOff?.toFixed()} % off)` : coupon.name;
    discounts.push({ appliedCouponId: application.id, couponId: coupon.id, description, amount: off });
  }
  return discounts;
}

const couponReasons: BillingReason[] = ['SUBSCRIPTION_CREATE', 'SUBSCRIPTION_CYCLE'];

/**
 * What an invoice of the subscription would hold (README "Billing"), written nowhere: the plan in
 * advance for [periodStart, periodEnd) (none when periodStart is null), each charge's usage in
 * [usageBilledThrough, usageTo) in arrears, the pending items, then the active coupons (creation
 * and cycle invoices only), a manual discount, and tax. Throws RangeError when the manual discount
 * exceeds what is left. `reads` answers its reads: `transactionReads(tx)` (draft-reads.ts), or a batch's.
 */
export async function draftInvoice(
  reads: DraftReads,
  subscription: BillableSubscription,
  options: DraftOptions,
): Promise<InvoiceDraft> {
  const { currency } = subscription.plan;
  const usageFrom = subscription.usageBilledThrough;
  // A window never runs backwards: usage already billed stays billed.
  const usageTo = new Date(Math.max(options.usageTo.getTime(), usageFrom.getTime()));
  const lines = [
    ...(options.periodStart && options.periodEnd
      ? [planLine(subscription, options.periodStart, options.periodEnd)]
      : []),
    ...(usageTo > usageFrom ? await usageLines(reads, subscription, { from: usageFrom, to: usageTo }) : []),
    ...(await pendingLines(reads, subscription.id)),
  ];
  const subtotal = lines.reduce((sum, each) => sum.plus(each.amount), zero);
  const discounts = couponReasons.includes(options.reason) ? await couponDiscounts(reads, subscription, subtotal) : [];
  const couponTotal = discounts.reduce((sum, each) => sum.plus(each.amount), zero);
  const manual = options.manualDiscount ?? zero;
  if (manual.greaterThan(Decimal.max(subtotal.minus(couponTotal), zero)))
    throw new RangeError('discount exceeds subtotal');
  const discount = couponTotal.plus(manual);
  const tax = roundMoney(
    subtotal
      .minus(discount)
      .times(options.taxRatePercent ?? zero)
      .dividedBy(100),
    currency,
  );
  const total = subtotal.minus(discount).plus(tax);
  const { periodStart, periodEnd } = options;
  return { lines, discounts, subtotal, discount, tax, total, currency, periodStart, periodEnd, usageFrom, usageTo };
}

const fieldIn = (options: IssueOptions, name: string) => (options.inputPath ? `${options.inputPath}.${name}` : name);
const periodInvoiced = (options: IssueOptions) =>
  conflict('This period of the subscription is already invoiced', fieldIn(options, 'periodStart'));

/** Coupons that discounted the invoice use up a period; the last one ends them. */
async function consumeCoupons(tx: BillingTx, draft: InvoiceDraft, now: Date) {
  for (const { appliedCouponId } of draft.discounts) {
    const applied = await tx.appliedCoupon.update({
      where: { id: appliedCouponId },
      data: { periodsRemaining: { decrement: 1 } },
    });
    if (applied.periodsRemaining !== null && applied.periodsRemaining <= 0)
      await tx.appliedCoupon.update({ where: { id: appliedCouponId }, data: { periodsRemaining: 0, endedAt: now } });
  }
}

/** The issue status and dates of a new invoice: OPEN with its dates, or DRAFT. */
type IssuedFields = { status: 'OPEN'; issuedAt: Date; dueDate: Date } | { status: 'DRAFT'; dueDate: Date | null };

/** An invoice's row as `issueInvoice` and the clock's batch (`issueInvoices`) store it. */
export const invoiceRow = (
  subscription: BillableSubscription,
  draft: InvoiceDraft,
  options: Pick<IssueOptions, 'reason' | 'notes'>,
  number: string,
  issued: IssuedFields,
) => ({
  tenantId: subscription.tenantId,
  number,
  customerId: subscription.customerId,
  subscriptionId: subscription.id,
  currency: draft.currency,
  subtotal: draft.subtotal,
  discount: draft.discount,
  tax: draft.tax,
  total: draft.total,
  periodStart: draft.periodStart,
  periodEnd: draft.periodEnd,
  usageFrom: draft.usageFrom,
  usageTo: draft.usageTo,
  billingReason: options.reason,
  notes: options.notes ?? null,
  ...issued,
});

/** A draft's lines as stored rows of invoice `invoiceId`. */
export const invoiceLineRows = (tenantId: string, invoiceId: string, draft: InvoiceDraft) =>
  draft.lines.map(({ pendingItemId: _pending, details, ...each }, position) => ({
    ...each,
    tenantId,
    invoiceId,
    position,
    details: details ? (details as Prisma.InputJsonObject) : Prisma.DbNull,
  }));

async function writeInvoice(
  tx: BillingTx,
  subscription: BillableSubscription,
  draft: InvoiceDraft,
  options: IssueOptions & { now: Date },
): Promise<Invoice> {
  const { tenantId } = subscription;
  const { now } = options;
  const issued: IssuedFields = options.finalize
    ? {
        status: 'OPEN' as const,
        issuedAt: now,
        dueDate:
          options.dueDate ??
          checkDerivedDate(addDays(now, subscription.plan.daysUntilDue), fieldIn(options, 'dueDate'), 'due date'),
      }
    : { status: 'DRAFT' as const, dueDate: options.dueDate ?? null };
  const number = await nextInvoiceNumber(tx, tenantId);
  const invoice = await tx.invoice.create({ data: invoiceRow(subscription, draft, options, number, issued) });
  await tx.invoiceLineItem.createMany({ data: invoiceLineRows(tenantId, invoice.id, draft) });
  await tx.invoiceDiscount.createMany({
    data: draft.discounts.map((each) => ({ ...each, tenantId, invoiceId: invoice.id })),
  });
  return invoice;
}

/**
 * Stores a draft as the tenant's next gap-free invoice, in the caller's transaction: lines and
 * discounts, pending items marked billed, coupons' periods used, `usageBilledThrough` moved to the
 * draft's `usageTo`, the audit row and `invoice.created` (+ `invoice.opened`). A period already
 * invoiced (not void) throws CONFLICT (the clock's "already done").
 */
export async function issueInvoice(
  tx: BillingTx,
  actor: BillingActor,
  subscription: BillableSubscription,
  draft: InvoiceDraft,
  options: IssueOptions,
): Promise<Invoice> {
  const now = options.now ?? new Date();
  if (draft.periodStart && draft.periodEnd) {
    const billed = await tx.invoice.findFirst({
      where: {
        subscriptionId: subscription.id,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        status: { not: 'VOID' },
      },
      select: { id: true },
    });
    if (billed) throw periodInvoiced(options);
  }
  let invoice: Invoice;
  try {
    invoice = await writeInvoice(tx, subscription, draft, { ...options, now });
  } catch (error) {
    if (isUniqueViolation(error)) throw periodInvoiced(options);
    throw error;
  }
  const pendingIds = draft.lines.flatMap((each) => (each.pendingItemId ? [each.pendingItemId] : []));
  if (pendingIds.length > 0)
    await tx.pendingInvoiceItem.updateMany({ where: { id: { in: pendingIds } }, data: { invoiceId: invoice.id } });
  await consumeCoupons(tx, draft, now);
  if (draft.usageTo > subscription.usageBilledThrough)
    await tx.subscription.update({ where: { id: subscription.id }, data: { usageBilledThrough: draft.usageTo } });
  await recordAudit(tx, actor, invoiceCreatedAudit(invoice, subscription.id, draft, options.reason));
  await recordRowEvent(tx, actor, 'invoice.created', invoice);
  // Issued at once: consumers of `invoice.opened` hear of it as of a finalized draft.
  if (invoice.status === 'OPEN') await recordRowEvent(tx, actor, 'invoice.opened', invoice);
  return invoice;
}

/** The audit entry of an issued invoice (one at a time here, or in a batch of the billing clock). */
export const invoiceCreatedAudit = (
  invoice: Invoice,
  subscriptionId: string,
  draft: InvoiceDraft,
  reason: BillingReason,
) => ({
  tenantId: invoice.tenantId,
  action: 'invoice.create',
  entityType: 'Invoice',
  entityId: invoice.id,
  changes: {
    number: invoice.number,
    status: invoice.status,
    billingReason: reason,
    subscriptionId,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    usageFrom: draft.usageFrom,
    usageTo: draft.usageTo,
    subtotal: invoice.subtotal,
    discount: invoice.discount,
    tax: invoice.tax,
    total: invoice.total,
    lines: draft.lines.length,
  },
});
