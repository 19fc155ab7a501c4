import { allTenants, demoCustomerId, demoId, demoTenant } from '@codex/kit';
import {
  Prisma,
  scopeBillingDatabase,
  type BillingDatabase,
  type InvoiceStatus,
  type SubscriptionStatus,
} from './db.ts';
import { invoiceFigures } from './money.ts';
import { addDays, addMonths, periodEnd } from './periods.ts';

/**
 * Demo billing data for the demo tenant: plans (one archived), subscriptions of CRM demo customers
 * (`demoCustomerId`) in every status, one invoice each for the previous period in every status
 * (paid, open, overdue, draft, void, uncollectible) with exact figures (the first with usage lines),
 * billable metrics with charges on the active plans, usage events of the current period not billed
 * yet, and the invoice number counter.
 * Idempotent and safe to run concurrently (fixed ids, ON CONFLICT DO NOTHING).
 */
const tenantId = demoTenant.id;
const id = (key: string) => demoId(`billing.${tenantId}.${key}`);
const { Decimal } = Prisma;

const plans = [
  {
    key: 'starter',
    name: 'Starter',
    code: 'starter',
    amount: '29.0000',
    interval: 'MONTH',
    trialDays: 14,
    active: true,
    features: { users: 5, support: 'email' },
  },
  {
    key: 'pro',
    name: 'Professional',
    code: 'pro',
    amount: '99.0000',
    interval: 'MONTH',
    trialDays: 14,
    active: true,
    features: { users: 25, support: 'priority', api: true },
  },
  {
    key: 'enterprise',
    name: 'Enterprise (annual)',
    code: 'enterprise-annual',
    amount: '9900.0000',
    interval: 'YEAR',
    trialDays: 0,
    active: true,
    features: { users: 'unlimited', sso: true, sla: '99.9%' },
  },
  {
    key: 'legacy',
    name: 'Legacy Basic',
    code: 'legacy-basic',
    amount: '19.0000',
    interval: 'MONTH',
    trialDays: 0,
    active: false,
    features: { users: 3 },
  },
] as const;
const activePlans = plans.slice(0, 3);
const subscriptionStatuses: SubscriptionStatus[] = [
  'ACTIVE',
  'ACTIVE',
  'TRIALING',
  'PAST_DUE',
  'ACTIVE',
  'CANCELLED',
  'ACTIVE',
  'ACTIVE',
];
/** One invoice per subscription; the second OPEN one is overdue. */
const invoiceStatuses: InvoiceStatus[] = ['PAID', 'PAID', 'OPEN', 'OPEN', 'DRAFT', 'VOID', 'UNCOLLECTIBLE', 'PAID'];
const taxRate = new Decimal(19);

export async function seedBillingDemo(unscoped: BillingDatabase): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeBillingDatabase(unscoped, allTenants);
  const now = new Date();
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const previousStart = addMonths(periodStart, -1);
  await db.plan.createMany({
    data: plans.map(({ key, features, ...plan }) => ({
      id: id(`plan.${key}`),
      tenantId,
      ...plan,
      currency: 'USD',
      intervalCount: 1,
      features: { ...features },
    })),
    skipDuplicates: true,
  });
  const subscriptions = subscriptionStatuses.map((status, i) => {
    const plan = activePlans[i % activePlans.length]!;
    const trialing = status === 'TRIALING';
    const start = trialing ? addDays(periodStart, plan.trialDays) : periodStart;
    return {
      id: id(`subscription.${i}`),
      tenantId,
      customerId: demoCustomerId(tenantId, i),
      planId: id(`plan.${plan.key}`),
      status,
      quantity: 1 + (i % 3),
      trialStart: trialing ? periodStart : null,
      trialEnd: trialing ? start : null,
      currentPeriodStart: start,
      currentPeriodEnd: periodEnd(start, plan.interval, 1),
      usageBilledThrough: trialing ? periodStart : start,
      cancelAtPeriodEnd: i === 4,
      cancelledAt: status === 'CANCELLED' ? addDays(periodStart, 3) : null,
      cancelReason: status === 'CANCELLED' ? 'Too expensive' : i === 4 ? 'Switching provider' : null,
    };
  });
  await db.subscription.createMany({ data: subscriptions, skipDuplicates: true });
  await seedInvoices(db, subscriptions, previousStart, periodStart, now);
  await seedUsage(db, subscriptions, periodStart);
}

type Db = ReturnType<typeof scopeBillingDatabase>;
type SeededSubscription = { id: string; customerId: string; planId: string; quantity: number };

/** The first invoice's usage lines (previous period), as its charges priced them. */
const usageOfFirstInvoice = [
  { metric: 'api_calls', quantity: '1000', unitPrice: '0.0000' },
  { metric: 'storage_gb', quantity: '42.5', unitPrice: '0.1000' },
] as const;

async function seedInvoices(db: Db, subscriptions: SeededSubscription[], from: Date, to: Date, now: Date) {
  const planById = new Map(plans.map((plan) => [id(`plan.${plan.key}`), plan]));
  const invoices = subscriptions.map((subscription, i) => {
    const plan = planById.get(subscription.planId)!;
    const usage =
      i === 0
        ? usageOfFirstInvoice.map((record) => ({
            description: `Usage: ${record.metric}`,
            quantity: new Decimal(record.quantity),
            unitPrice: new Decimal(record.unitPrice),
            planId: null,
            kind: 'USAGE' as const,
            billableMetricId: id(`metric.${record.metric}`),
          }))
        : [];
    const lines = [
      {
        description: `${plan.name} (${from.toISOString().slice(0, 10)} – ${to.toISOString().slice(0, 10)})`,
        quantity: new Decimal(subscription.quantity),
        unitPrice: new Decimal(plan.amount),
        planId: subscription.planId,
        kind: 'PLAN' as const,
        billableMetricId: null,
      },
      ...usage,
    ];
    const figures = invoiceFigures(lines, new Decimal(i === 1 ? 10 : 0), taxRate);
    const status = invoiceStatuses[i]!;
    const issuedAt = status === 'DRAFT' ? null : addDays(to, 1);
    return {
      row: {
        id: id(`invoice.${i}`),
        tenantId,
        number: `INV-${String(i + 1).padStart(6, '0')}`,
        status,
        customerId: subscription.customerId,
        subscriptionId: subscription.id,
        currency: 'USD',
        subtotal: figures.subtotal,
        discount: figures.discount,
        tax: figures.tax,
        total: figures.total,
        amountPaid: status === 'PAID' ? figures.total : new Decimal(0),
        issuedAt,
        // The second open invoice fell due yesterday: overdue.
        dueDate: i === 3 ? addDays(now, -1) : addDays(to, 30),
        paidAt: status === 'PAID' ? addDays(to, 3) : null,
        voidedAt: status === 'VOID' ? addDays(to, 2) : null,
        periodStart: from,
        periodEnd: to,
      },
      lines: figures.lines.map((line, position) => ({
        id: id(`invoice-line.${i}.${position}`),
        tenantId,
        invoiceId: id(`invoice.${i}`),
        position,
        ...line,
        periodStart: from,
        periodEnd: to,
      })),
    };
  });
  await db.invoice.createMany({ data: invoices.map((invoice) => invoice.row), skipDuplicates: true });
  await db.invoiceLineItem.createMany({ data: invoices.flatMap((invoice) => invoice.lines), skipDuplicates: true });
  await db.invoiceNumberCounter.createMany({
    data: [{ tenantId, prefix: 'INV', lastValue: invoices.length }],
    skipDuplicates: true,
  });
}

const metrics = [
  { key: 'api_calls', code: 'api_calls', name: 'API calls', aggregation: 'COUNT', fieldName: null },
  { key: 'storage_gb', code: 'storage_gb', name: 'Storage (GB, peak)', aggregation: 'MAX', fieldName: 'gb' },
] as const;

/** Graduated API calls (first 1,000 free of charge by the tier) and per-GB storage on every active plan. */
const chargesOf = (planKey: string) => [
  {
    id: id(`charge.${planKey}.api_calls`),
    billableMetricId: id('metric.api_calls'),
    model: 'GRADUATED' as const,
    properties: {
      tiers: [
        { fromValue: '0', toValue: '1000', perUnitAmount: '0', flatAmount: '0' },
        { fromValue: '1000', toValue: '10000', perUnitAmount: '0.002', flatAmount: '0' },
        { fromValue: '10000', toValue: null, perUnitAmount: '0.001', flatAmount: '0' },
      ],
    },
  },
  {
    id: id(`charge.${planKey}.storage_gb`),
    billableMetricId: id('metric.storage_gb'),
    model: 'STANDARD' as const,
    properties: { unitAmount: '0.1' },
  },
];

/** Billable metrics, the active plans' charges, and usage events of the current period (not billed yet). */
async function seedUsage(db: Db, subscriptions: SeededSubscription[], periodStart: Date) {
  await db.billableMetric.createMany({
    data: metrics.map(({ key, ...metric }) => ({ id: id(`metric.${key}`), tenantId, ...metric })),
    skipDuplicates: true,
  });
  await db.planCharge.createMany({
    data: activePlans.flatMap((plan) =>
      chargesOf(plan.key).map((charge, position) => ({
        ...charge,
        tenantId,
        planId: id(`plan.${plan.key}`),
        position,
      })),
    ),
    skipDuplicates: true,
  });
  const events = subscriptions.slice(0, 4).flatMap((subscription, s) =>
    Array.from({ length: 6 }, (_, d) => {
      const storage = d % 2 === 1;
      return {
        id: id(`usage.${s}.${d}`),
        tenantId,
        subscriptionId: subscription.id,
        billableMetricId: id(`metric.${storage ? 'storage_gb' : 'api_calls'}`),
        metricCode: storage ? 'storage_gb' : 'api_calls',
        properties: storage ? { gb: 2.5 + d } : { endpoint: '/v1/customers' },
        value: storage ? new Decimal(2.5 + d) : null,
        occurredAt: addDays(periodStart, d),
        idempotencyKey: `demo-usage-${s}-${d}`,
      };
    }),
  );
  await db.usageEvent.createMany({ data: events, skipDuplicates: true });
}
