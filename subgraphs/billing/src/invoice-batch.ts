import { recordAudits, recordEvents, type AuditEntry, type NewDomainEvent } from '@codex/kit';
import { Prisma, type Invoice, type MetricAggregation } from './db.ts';
import {
  draftInvoice,
  invoiceCreatedAudit,
  type BillableSubscription,
  type BillingActor,
  type DraftOptions,
  type InvoiceDraft,
  type IssueOptions,
} from './invoice-builder.ts';
import type { BillingTx } from './request.ts';

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

/** Each aggregation's figure over the window's events, all at once (names are the enum's). */
const usageSql = (withEvents: boolean) => `
  SELECT w.sid::text AS "subscriptionId", e.billable_metric_id::text AS "metricId",
         (count(*))::text AS "COUNT", (coalesce(sum(e.value), 0))::text AS "SUM",
         (coalesce(max(e.value), 0))::text AS "MAX", (count(DISTINCT e.unique_value))::text AS "UNIQUE_COUNT",
         (coalesce((array_agg(e.value ORDER BY e.occurred_at DESC, e.created_at DESC))[1], 0))::text AS "LATEST"
         ${withEvents ? ', array_agg(e.value ORDER BY e.occurred_at, e.id)::text[] AS "events"' : ''}
    FROM unnest($1::uuid[], $2::text[]::timestamptz[], $3::text[]::timestamptz[]) AS w(sid, from_at, to_at)
    JOIN usage_events e ON e.subscription_id = w.sid AND e.occurred_at >= w.from_at AND e.occurred_at < w.to_at
   WHERE e.billable_metric_id = ANY($4::uuid[])
   GROUP BY w.sid, e.billable_metric_id`;

type UsageRow = Record<MetricAggregation, string> & {
  subscriptionId: string;
  metricId: string;
  events?: (string | null)[] | null;
};

const groupBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};

/** What `draftInvoice` reads, for the whole batch, in at most four queries. */
async function preload(tx: BillingTx, requests: readonly DraftRequest[]) {
  const subscriptionIds = requests.map((request) => request.subscription.id);
  const planIds = [...new Set(requests.map((request) => request.subscription.planId))];
  const charges = await tx.planCharge.findMany({
    where: { planId: { in: planIds } },
    include: { billableMetric: true },
    orderBy: [{ planId: 'asc' }, { position: 'asc' }],
  });
  const windows = requests.filter((request) => {
    const { from, to } = usageWindow(request);
    return to > from;
  });
  const withEvents = charges.some((charge) => charge.model === 'PERCENTAGE');
  const usage =
    windows.length > 0 && charges.length > 0
      ? await tx.$queryRawUnsafe<UsageRow[]>(
          usageSql(withEvents),
          windows.map((request) => request.subscription.id),
          windows.map((request) => iso(usageWindow(request).from)),
          windows.map((request) => iso(usageWindow(request).to)),
          [...new Set(charges.map((charge) => charge.billableMetricId))],
        )
      : [];
  const pending = await tx.pendingInvoiceItem.findMany({
    where: { subscriptionId: { in: subscriptionIds }, invoiceId: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const couponed = requests.filter((request) => couponReasons.has(request.options.reason));
  const coupons =
    couponed.length > 0
      ? await tx.appliedCoupon.findMany({
          where: {
            subscriptionId: { in: couponed.map((request) => request.subscription.id) },
            endedAt: null,
            OR: [{ periodsRemaining: null }, { periodsRemaining: { gt: 0 } }],
          },
          include: { coupon: true },
          orderBy: [{ appliedAt: 'asc' }, { id: 'asc' }],
        })
      : [];
  return {
    charges: groupBy(charges, (charge) => charge.planId),
    usage: new Map(usage.map((row) => [`${row.subscriptionId}:${row.metricId}`, row])),
    windows: new Map(windows.map((request) => [request.subscription.id, usageWindow(request)])),
    pending: groupBy(pending, (item) => item.subscriptionId),
    coupons: groupBy(coupons, (applied) => applied.subscriptionId),
    aggregation: new Map(charges.map((charge) => [charge.billableMetricId, charge.billableMetric.aggregation])),
  };
}

type Preloaded = Awaited<ReturnType<typeof preload>>;

/**
 * A read-only stand-in for the transaction that answers `draftInvoice`'s reads from the preloaded
 * rows, so the batch prices with the builder's own code (no second copy of the money logic). A read
 * it was not built for throws: the clock then bills that batch one subscription at a time.
 */
function preloadedReader(data: Preloaded): BillingTx {
  const unexpected = (what: string) => {
    throw new Error(`invoice batch: draftInvoice read ${what}, which the batch did not preload`);
  };
  const reader = {
    planCharge: { findMany: async (args: { where: { planId: string } }) => data.charges.get(args.where.planId) ?? [] },
    pendingInvoiceItem: {
      findMany: async (args: { where: { subscriptionId: string } }) =>
        data.pending.get(args.where.subscriptionId) ?? [],
    },
    appliedCoupon: {
      findMany: async (args: { where: { subscriptionId: string } }) =>
        data.coupons.get(args.where.subscriptionId) ?? [],
    },
    // windowUsage's one query: (sql, subscriptionId, metricId, from, to).
    $queryRawUnsafe: async (sql: string, subscriptionId: string, metricId: string, from: Date, to: Date) => {
      const window = data.windows.get(subscriptionId);
      const aggregation = data.aggregation.get(metricId);
      if (!window || !aggregation || window.from.getTime() !== from.getTime() || window.to.getTime() !== to.getTime())
        return unexpected(`usage of ${subscriptionId} outside its window`);
      const row = data.usage.get(`${subscriptionId}:${metricId}`);
      const events = sql.includes('AS events') ? { events: row?.events ?? null } : {};
      return [{ aggregate: row?.[aggregation] ?? '0', ...events }];
    },
  };
  return new Proxy(reader, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : unexpected(String(key))),
  }) as unknown as BillingTx;
}

/** `draftInvoice` for each request, in order, over reads made once for the batch. */
export async function draftInvoices(tx: BillingTx, requests: readonly DraftRequest[]): Promise<InvoiceDraft[]> {
  if (requests.length === 0) return [];
  const reader = preloadedReader(await preload(tx, requests));
  const drafts: InvoiceDraft[] = [];
  for (const { subscription, options } of requests) drafts.push(await draftInvoice(reader, subscription, options));
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

const invoiceData = ({ subscription, draft, options }: IssueRequest, number: string) => ({
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
  status: 'OPEN' as const,
  issuedAt: options.now,
  dueDate: options.dueDate,
});

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
    data: requests.map((each, k) => invoiceData(each, numbers[k]!)),
  });
  const byNumber = new Map(created.map((invoice) => [invoice.number, invoice]));
  const invoices = numbers.map((number) => byNumber.get(number)!);
  const lines = requests.flatMap(({ draft }, k) =>
    draft.lines.map(({ pendingItemId: _pending, details, ...each }, position) => ({
      ...each,
      tenantId,
      invoiceId: invoices[k]!.id,
      position,
      details: details ? (details as Prisma.InputJsonObject) : Prisma.DbNull,
    })),
  );
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
