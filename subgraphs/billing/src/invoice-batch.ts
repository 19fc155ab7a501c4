import { recordAudits, recordEvents, type AuditEntry, type NewDomainEvent } from '@codex/kit';
import type { WindowUsage } from './charge-models.ts';
import type { Invoice } from './db.ts';
import { chargeUsage, draftQueries, usageAsk, type DraftCharge, type DraftReads } from './draft-reads.ts';
import {
  draftInvoice,
  invoiceCreatedAudit,
  invoiceLineRows,
  invoiceRow,
  type BillableSubscription,
  type BillingActor,
  type DraftOptions,
  type InvoiceDraft,
  type IssueOptions,
} from './invoice-builder.ts';
import type { BillingTx } from './request.ts';
import { usageFigures } from './usage-figures.ts';

/**
 * The batch forms of `draftInvoice` and `issueInvoice` (invoice-builder.ts) for the billing clock's
 * nightly run: the same drafts and the same stored documents, for one tenant's subscriptions at a
 * time, with a handful of statements per batch instead of ~30 per invoice.
 */

/** One subscription of a batch and the draft it asks for. */
export interface DraftRequest {
  subscription: BillableSubscription;
  options: DraftOptions;
}

const couponReasons = new Set(['SUBSCRIPTION_CREATE', 'SUBSCRIPTION_CYCLE']);
const iso = (date: Date) => date.toISOString();
const usageWindow = ({ subscription, options }: DraftRequest) => ({
  from: subscription.usageBilledThrough,
  // As draftInvoice: a window never runs backwards.
  to: new Date(Math.max(options.usageTo.getTime(), subscription.usageBilledThrough.getTime())),
});

/** A preloaded usage figure's key: the subscription, the metric and the exact window. */
const usageKey = (subscriptionId: string, metricId: string, window: { from: Date; to: Date }) =>
  `${subscriptionId}:${metricId}:${iso(window.from)}:${iso(window.to)}`;

const groupBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};

/** Each window's usage of each charge of its plan, in one statement over the hourly rollup. */
async function preloadUsage(
  tx: BillingTx,
  requests: readonly DraftRequest[],
  charges: Map<string, DraftCharge[]>,
): Promise<Map<string, WindowUsage>> {
  const asked = requests.flatMap((request) => {
    const window = usageWindow(request);
    const { id, planId } = request.subscription;
    if (window.to <= window.from) return [];
    return (charges.get(planId) ?? []).map((charge) => ({ charge, ask: usageAsk(id, charge, window) }));
  });
  const figures = await usageFigures(
    tx,
    asked.map(({ ask }) => ask),
  );
  return new Map(
    asked.map(({ ask, charge }, k) => [
      usageKey(ask.subscriptionId, ask.metricId, ask.window),
      chargeUsage(charge, figures[k]),
    ]),
  );
}

/** What `draftInvoice` reads, for the whole batch, in at most four statements. */
async function preload(tx: BillingTx, requests: readonly DraftRequest[]) {
  const subscriptionIds = requests.map((request) => request.subscription.id);
  const planIds = [...new Set(requests.map((request) => request.subscription.planId))];
  const charges = groupBy(
    await tx.planCharge.findMany(draftQueries.charges({ in: planIds })),
    (charge) => charge.planId,
  );
  const usage = await preloadUsage(tx, requests, charges);
  const pending = await tx.pendingInvoiceItem.findMany(draftQueries.pendingItems({ in: subscriptionIds }));
  const couponed = requests.filter((request) => couponReasons.has(request.options.reason));
  const coupons =
    couponed.length > 0
      ? await tx.appliedCoupon.findMany(
          draftQueries.coupons({ in: couponed.map((request) => request.subscription.id) }),
        )
      : [];
  return {
    charges,
    usage,
    pending: groupBy(pending, (item) => item.subscriptionId),
    coupons: groupBy(coupons, (applied) => applied.subscriptionId),
  };
}

/**
 * `draftInvoice`'s reads answered from the batch's preloaded rows, so the batch prices with the
 * builder's own code (no second copy of the money logic). Usage outside a preloaded window throws:
 * the clock then bills that batch one subscription at a time.
 */
function preloadedReads(data: Awaited<ReturnType<typeof preload>>): DraftReads {
  return {
    charges: async (planId) => data.charges.get(planId) ?? [],
    usage: async (subscriptionId, charges, window) =>
      charges.map((charge) => {
        const usage = data.usage.get(usageKey(subscriptionId, charge.billableMetricId, window));
        if (!usage) throw new Error(`invoice batch: usage of ${subscriptionId} outside its preloaded window`);
        return usage;
      }),
    pendingItems: async (subscriptionId) => data.pending.get(subscriptionId) ?? [],
    coupons: async (subscriptionId) => data.coupons.get(subscriptionId) ?? [],
  };
}

/** `draftInvoice` for each request, in order, over reads made once for the batch. */
export async function draftInvoices(tx: BillingTx, requests: readonly DraftRequest[]): Promise<InvoiceDraft[]> {
  if (requests.length === 0) return [];
  const reads = preloadedReads(await preload(tx, requests));
  const drafts: InvoiceDraft[] = [];
  for (const { subscription, options } of requests) drafts.push(await draftInvoice(reads, subscription, options));
  return drafts;
}

/** Audit rows and domain events of a batch, written last (the events take the outbox lock until commit). */
export function batchLog() {
  const audits: { request: BillingActor; entry: AuditEntry }[] = [];
  const events: NewDomainEvent[] = [];
  return {
    audit: (request: BillingActor, entry: AuditEntry) => void audits.push({ request, entry }),
    event: (request: BillingActor, type: string, row: { id: string; tenantId: string | null }, extra = {}) =>
      void events.push({
        type,
        tenantId: row.tenantId,
        entityId: row.id,
        payload: { ...row, ...extra },
        requestId: request.requestId,
      }),
    flush: async (tx: BillingTx) => {
      await recordAudits(tx, audits);
      await recordEvents(tx, events);
    },
  };
}
export type BatchLog = ReturnType<typeof batchLog>;

/** One invoice of a batch: what `issueInvoice` takes, finalized, with its issue time. */
export interface IssueRequest {
  subscription: BillableSubscription;
  actor: BillingActor;
  draft: InvoiceDraft;
  options: IssueOptions & { now: Date; dueDate: Date };
}

/** The tenant's next `count` gap-free numbers, taken at once (see invoice-numbers.ts). */
async function nextInvoiceNumbers(tx: BillingTx, tenantId: string, count: number): Promise<string[]> {
  const [counter] = await tx.$queryRawUnsafe<{ prefix: string; last_value: number }[]>(
    `INSERT INTO invoice_number_counters (tenant_id, last_value) VALUES ($1::uuid, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET last_value = invoice_number_counters.last_value + $2, updated_at = now()
     RETURNING prefix, last_value`,
    tenantId,
    count,
  );
  if (!counter) throw new Error('invoice number counter returned no row');
  const first = counter.last_value - count + 1;
  return Array.from({ length: count }, (_, k) => `${counter.prefix}-${String(first + k).padStart(6, '0')}`);
}

/** Pending items billed, coupons' periods used, usage billed through: one statement each for the batch. */
async function markBilled(tx: BillingTx, requests: readonly IssueRequest[], invoices: readonly Invoice[]) {
  const pending = requests.flatMap((request, k) =>
    request.draft.lines.flatMap((line) => (line.pendingItemId ? [[line.pendingItemId, invoices[k]!.id]] : [])),
  );
  if (pending.length > 0)
    await tx.$executeRawUnsafe(
      `UPDATE pending_invoice_items p SET invoice_id = v.invoice_id
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, invoice_id) WHERE p.id = v.id`,
      pending.map(([id]) => id),
      pending.map(([, invoiceId]) => invoiceId),
    );
  const coupons = requests.flatMap((request) =>
    request.draft.discounts.map((discount) => [discount.appliedCouponId, iso(request.options.now)]),
  );
  // As issueInvoice's consumeCoupons: one period used; the last one ends the coupon at the issue time.
  if (coupons.length > 0)
    await tx.$executeRawUnsafe(
      `UPDATE applied_coupons a
          SET periods_remaining = CASE WHEN a.periods_remaining IS NULL THEN NULL ELSE greatest(a.periods_remaining - 1, 0) END,
              ended_at = CASE WHEN a.periods_remaining - 1 <= 0 THEN v.at ELSE a.ended_at END
         FROM unnest($1::uuid[], $2::text[]::timestamptz[]) AS v(id, at) WHERE a.id = v.id`,
      coupons.map(([id]) => id),
      coupons.map(([, at]) => at),
    );
  const advanced = requests.filter((request) => request.draft.usageTo > request.subscription.usageBilledThrough);
  if (advanced.length > 0)
    await tx.$executeRawUnsafe(
      `UPDATE subscriptions s SET usage_billed_through = v.through, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]::timestamptz[]) AS v(id, through) WHERE s.id = v.id`,
      advanced.map((request) => request.subscription.id),
      advanced.map((request) => iso(request.draft.usageTo)),
    );
}

/**
 * `issueInvoice` (finalized) for a batch of one tenant's subscriptions, in the caller's transaction:
 * consecutive numbers from one move of the counter, the invoices, lines and discounts in one
 * INSERT each, the bookkeeping of `markBilled`, and each invoice's audit row and `invoice.created` +
 * `invoice.opened` events into `log`. The caller has checked no period is invoiced already; the
 * unique period index still guards it (the whole batch fails and rolls back).
 */
export async function issueInvoices(
  tx: BillingTx,
  tenantId: string,
  requests: readonly IssueRequest[],
  log: BatchLog,
): Promise<Invoice[]> {
  if (requests.length === 0) return [];
  const numbers = await nextInvoiceNumbers(tx, tenantId, requests.length);
  const created = await tx.invoice.createManyAndReturn({
    data: requests.map(({ subscription, draft, options }, k) =>
      invoiceRow(subscription, draft, options, numbers[k]!, {
        status: 'OPEN',
        issuedAt: options.now,
        dueDate: options.dueDate,
      }),
    ),
  });
  const byNumber = new Map(created.map((invoice) => [invoice.number, invoice]));
  const invoices = numbers.map((number) => byNumber.get(number)!);
  const lines = requests.flatMap(({ draft }, k) => invoiceLineRows(tenantId, invoices[k]!.id, draft));
  if (lines.length > 0) await tx.invoiceLineItem.createMany({ data: lines });
  const discounts = requests.flatMap(({ draft }, k) =>
    draft.discounts.map((each) => ({ ...each, tenantId, invoiceId: invoices[k]!.id })),
  );
  if (discounts.length > 0) await tx.invoiceDiscount.createMany({ data: discounts });
  await markBilled(tx, requests, invoices);
  requests.forEach(({ subscription, actor, draft, options }, k) => {
    const invoice = invoices[k]!;
    log.audit(actor, invoiceCreatedAudit(invoice, subscription.id, draft, options.reason));
    log.event(actor, 'invoice.created', invoice);
    log.event(actor, 'invoice.opened', invoice);
  });
  return invoices;
}
