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
 * (paid, open, overdue, draft, void, uncollectible) with exact figures, usage billed by the first
 * invoice and usage of the current period not billed yet, and the invoice number counter.
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
      cancelAtPeriodEnd: i === 4,
      cancelledAt: status === 'CANCELLED' ? addDays(periodStart, 3) : null,
      cancelReason: status === 'CANCELLED' ? 'Too expensive' : i === 4 ? 'Switching provider' : null,
    };
  });
  await db.subscription.createMany({ data: subscriptions, skipDuplicates: true });
  await seedInvoices(db, subscriptions, previousStart, periodStart, now);
  await seedUsage(db, subscriptions, previousStart, periodStart);
}

type Db = ReturnType<typeof scopeBillingDatabase>;
type SeededSubscription = { id: string; customerId: string; planId: string; quantity: number };

const usageOfFirstInvoice = [
  { key: 'usage.billed.0', metric: 'api_calls', quantity: '125000', unitPrice: '0.0010', day: 4 },
  { key: 'usage.billed.1', metric: 'storage_gb', quantity: '42.5', unitPrice: '0.1000', day: 9 },
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
          }))
        : [];
    const lines = [
      {
        description: `${plan.name} (${from.toISOString().slice(0, 10)} – ${to.toISOString().slice(0, 10)})`,
        quantity: new Decimal(subscription.quantity),
        unitPrice: new Decimal(plan.amount),
        planId: subscription.planId,
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

/** Usage billed by the first invoice (previous period), and usage of the current period waiting for its invoice. */
async function seedUsage(db: Db, subscriptions: SeededSubscription[], previousStart: Date, periodStart: Date) {
  const billed = usageOfFirstInvoice.map((record) => {
    const at = addDays(previousStart, record.day);
    return {
      id: id(record.key),
      tenantId,
      subscriptionId: subscriptions[0]!.id,
      metric: record.metric,
      quantity: record.quantity,
      unitPrice: record.unitPrice,
      periodStart: at,
      periodEnd: at,
      idempotencyKey: `demo-${record.key}`,
      invoiceId: id('invoice.0'),
      invoicedAt: addDays(periodStart, 1),
    };
  });
  const current = subscriptions.slice(0, 4).flatMap((subscription, s) =>
    Array.from({ length: 6 }, (_, d) => ({
      id: id(`usage.${s}.${d}`),
      tenantId,
      subscriptionId: subscription.id,
      metric: d % 2 ? 'storage_gb' : 'api_calls',
      quantity: d % 2 ? String(2.5 + d) : String(1000 * (d + 1)),
      unitPrice: d % 2 ? '0.1000' : '0.0010',
      periodStart: addDays(periodStart, d),
      periodEnd: addDays(periodStart, d + 1),
      idempotencyKey: `demo-usage-${s}-${d}`,
    })),
  );
  await db.usageRecord.createMany({ data: [...billed, ...current], skipDuplicates: true });
}
