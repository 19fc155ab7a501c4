import type pg from 'pg';
import { copyRows, type CopyValue } from './copy.ts';
import { customerId, daysBefore, idKind, iso, type ScalePlan, type TenantPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { randomFor, seedId } from './random.ts';

export const billingTables = [
  'invoice_line_items',
  'usage_events',
  'plan_charges',
  'billable_metrics',
  'invoices',
  'invoice_number_counters',
  'subscriptions',
  'plans',
] as const;

const plans = [
  { code: 'starter', name: 'Starter', cents: 2900 },
  { code: 'pro', name: 'Pro', cents: 9900 },
  { code: 'enterprise', name: 'Enterprise', cents: 49900 },
] as const;
/** Invoices per subscription (the three calendar months before the current one); TRIALING ones have none yet. */
export const invoicesPerSubscription = 3;

const money = (cents: number) => (cents / 100).toFixed(2);
const planId = (tenant: TenantPlan, row: number) => seedId(idKind.plan, tenant.index, row);
const subscriptionId = (tenant: TenantPlan, row: number) => seedId(idKind.subscription, tenant.index, row);
const currencyOf = (tenant: TenantPlan) => (tenant.index % 5 === 4 ? 'EUR' : 'USD');
const monthStart = (anchor: Date, offset: number) =>
  new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + offset, 1));

/** Statuses by position, so every status appears in every tenant with ten or more subscriptions. */
const statusOf = (row: number) => (['TRIALING', 'PAST_DUE', 'CANCELLED'] as const)[row % 10] ?? 'ACTIVE';

interface SeedSubscription {
  tenant: TenantPlan;
  row: number;
  id: string;
  planRow: number;
  quantity: number;
  status: string;
}

function* subscriptionsOf(plan: ScalePlan): Generator<SeedSubscription> {
  for (const tenant of plan.tenants) {
    const random = randomFor('subscriptions', tenant.index);
    for (let row = 0; row < tenant.subscriptions; row += 1) {
      yield {
        tenant,
        row,
        id: subscriptionId(tenant, row),
        planRow: random.int(plans.length),
        quantity: 1 + random.int(5),
        status: statusOf(row),
      };
    }
  }
}

interface SeedInvoice {
  subscription: SeedSubscription;
  id: string;
  number: string;
  status: string;
  cents: number;
  tax: number;
  start: Date;
  end: Date;
  due: Date;
}

/** Numbers run INV-000001… per tenant in generation order: unique and gap-free, like createInvoiceForPeriod's. */
function* invoicesOf(plan: ScalePlan): Generator<SeedInvoice> {
  let tenantIndex = -1;
  let number = 0;
  for (const subscription of subscriptionsOf(plan)) {
    if (subscription.tenant.index !== tenantIndex) [tenantIndex, number] = [subscription.tenant.index, 0];
    if (subscription.status === 'TRIALING') continue;
    const random = randomFor(`invoices:${subscription.row}`, tenantIndex);
    for (let back = invoicesPerSubscription; back >= 1; back -= 1) {
      number += 1;
      const start = monthStart(plan.anchor, -back);
      const end = monthStart(plan.anchor, -back + 1);
      const latest = back === 1;
      // The latest invoice is overdue for PAST_DUE subscriptions and open (not due yet) for a fifth of the others.
      const status =
        latest && subscription.status === 'PAST_DUE' ? 'OPEN' : latest && random.chance(0.2) ? 'OPEN' : 'PAID';
      const due =
        latest && subscription.status === 'PAST_DUE'
          ? daysBefore(plan.anchor, 5)
          : latest && status === 'OPEN'
            ? daysBefore(plan.anchor, -10)
            : daysBefore(end, -14);
      const cents = plans[subscription.planRow]!.cents * subscription.quantity;
      yield {
        subscription,
        id: seedId(idKind.invoice, tenantIndex, number),
        number: `INV-${String(number).padStart(6, '0')}`,
        status,
        cents,
        tax: Math.round(cents / 10),
        start,
        end,
        due,
      };
    }
  }
}

function* planRows(plan: ScalePlan): Generator<CopyValue[]> {
  const created = iso(daysBefore(plan.anchor, 1000));
  for (const tenant of plan.tenants) {
    for (const [row, offer] of plans.entries()) {
      yield [
        planId(tenant, row),
        tenant.id,
        offer.name,
        offer.code,
        money(offer.cents),
        currencyOf(tenant),
        'MONTH',
        1,
        row === 0 ? 14 : 0,
        JSON.stringify({ users: 5 * (row + 1) }),
        created,
        created,
      ];
    }
  }
}

function* subscriptionRows(plan: ScalePlan): Generator<CopyValue[]> {
  const periodStart = monthStart(plan.anchor, 0);
  const periodEnd = monthStart(plan.anchor, 1);
  for (const s of subscriptionsOf(plan)) {
    const trial = s.status === 'TRIALING';
    const created = trial ? periodStart : monthStart(plan.anchor, -invoicesPerSubscription - (s.row % 12));
    const cancelled = s.status === 'CANCELLED' ? iso(periodStart) : null;
    yield [
      s.id,
      s.tenant.id,
      customerId(s.tenant, s.row),
      planId(s.tenant, s.planRow),
      s.status,
      s.quantity,
      trial ? iso(periodStart) : null,
      trial ? iso(daysBefore(periodStart, -14)) : null,
      iso(periodStart),
      iso(periodEnd),
      cancelled,
      cancelled ? 'Too expensive' : null,
      iso(created),
      iso(created),
    ];
  }
}

function* invoiceRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const i of invoicesOf(plan)) {
    const total = i.cents + i.tax;
    const paid = i.status === 'PAID';
    yield [
      i.id,
      i.subscription.tenant.id,
      i.number,
      i.status,
      customerId(i.subscription.tenant, i.subscription.row),
      i.subscription.id,
      currencyOf(i.subscription.tenant),
      money(i.cents),
      money(i.tax),
      '0.00',
      money(total),
      paid ? money(total) : '0.00',
      iso(i.end),
      iso(i.due),
      paid ? iso(daysBefore(i.end, -3)) : null,
      iso(i.start),
      iso(i.end),
      iso(i.end),
      iso(i.end),
    ];
  }
}

function* lineItemRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const i of invoicesOf(plan)) {
    const { tenant, planRow, quantity } = i.subscription;
    yield [
      seedId(idKind.lineItem, tenant.index, Number.parseInt(i.number.slice(4), 10)),
      tenant.id,
      i.id,
      0,
      `${plans[planRow]!.name} plan`,
      String(quantity),
      money(plans[planRow]!.cents),
      money(i.cents),
      planId(tenant, planRow),
      iso(i.start),
      iso(i.end),
      iso(i.end),
    ];
  }
}

function* counterRows(plan: ScalePlan): Generator<CopyValue[]> {
  const counts = new Map<string, number>();
  for (const i of invoicesOf(plan))
    counts.set(i.subscription.tenant.id, (counts.get(i.subscription.tenant.id) ?? 0) + 1);
  for (const tenant of plan.tenants) yield [tenant.id, 'INV', counts.get(tenant.id) ?? 0, iso(plan.anchor)];
}

const metricId = (tenant: TenantPlan) => seedId(idKind.metric, tenant.index, 0);

/** One billable metric per tenant: `api_calls`, the sum of each event's `calls`. */
function* metricRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants)
    yield [metricId(tenant), tenant.id, 'api_calls', 'API calls', 'SUM', 'calls', iso(plan.anchor), iso(plan.anchor)];
}

/** Every plan charges `api_calls` per unit (0.001), the first 1,000 of a period free. */
function* chargeRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants)
    for (let row = 0; row < plans.length; row += 1) {
      const properties = JSON.stringify({ unitAmount: '0.001' });
      yield [
        seedId(idKind.charge, tenant.index, row),
        tenant.id,
        planId(tenant, row),
        metricId(tenant),
        'STANDARD',
        properties,
        '1000',
        0,
        iso(plan.anchor),
      ];
    }
}

/** Unbilled API-call usage events in the current period for every fourth subscription. */
function* usageRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const s of subscriptionsOf(plan)) {
    if (s.row % 4 !== 3) continue;
    for (let k = 0; k < 3; k += 1) {
      const at = iso(daysBefore(plan.anchor, k));
      const calls = 1000 * (k + 1);
      yield [
        seedId(idKind.usage, s.tenant.index, s.row * 3 + k),
        s.tenant.id,
        s.id,
        metricId(s.tenant),
        'api_calls',
        JSON.stringify({ calls }),
        String(calls),
        at,
        `scale-${s.row}-${k}`,
        at,
      ];
    }
  }
}

export async function seedBilling(client: pg.Client, plan: ScalePlan, progress: Progress): Promise<void> {
  const stamps = ['created_at', 'updated_at'];
  await copyRows(
    client,
    'plans',
    [
      'id',
      'tenant_id',
      'name',
      'code',
      'amount',
      'currency',
      'interval',
      'interval_count',
      'trial_days',
      'features',
      ...stamps,
    ],
    planRows(plan),
    progress,
  );
  await copyRows(
    client,
    'subscriptions',
    [
      'id',
      'tenant_id',
      'customer_id',
      'plan_id',
      'status',
      'quantity',
      'trial_start',
      'trial_end',
      'current_period_start',
      'current_period_end',
      'cancelled_at',
      'cancel_reason',
      ...stamps,
    ],
    subscriptionRows(plan),
    progress,
  );
  await copyRows(
    client,
    'invoices',
    [
      'id',
      'tenant_id',
      'number',
      'status',
      'customer_id',
      'subscription_id',
      'currency',
      'subtotal',
      'tax',
      'discount',
      'total',
      'amount_paid',
      'issued_at',
      'due_date',
      'paid_at',
      'period_start',
      'period_end',
      ...stamps,
    ],
    invoiceRows(plan),
    progress,
  );
  await copyRows(
    client,
    'invoice_line_items',
    [
      'id',
      'tenant_id',
      'invoice_id',
      'position',
      'description',
      'quantity',
      'unit_price',
      'amount',
      'plan_id',
      'period_start',
      'period_end',
      'created_at',
    ],
    lineItemRows(plan),
    progress,
  );
  await copyRows(
    client,
    'invoice_number_counters',
    ['tenant_id', 'prefix', 'last_value', 'updated_at'],
    counterRows(plan),
    progress,
  );
  await copyRows(
    client,
    'billable_metrics',
    ['id', 'tenant_id', 'code', 'name', 'aggregation', 'field_name', ...stamps],
    metricRows(plan),
    progress,
  );
  await copyRows(
    client,
    'plan_charges',
    ['id', 'tenant_id', 'plan_id', 'billable_metric_id', 'model', 'properties', 'free_units', 'position', 'created_at'],
    chargeRows(plan),
    progress,
  );
  await copyRows(
    client,
    'usage_events',
    [
      'id',
      'tenant_id',
      'subscription_id',
      'billable_metric_id',
      'metric_code',
      'properties',
      'value',
      'occurred_at',
      'idempotency_key',
      'created_at',
    ],
    usageRows(plan),
    progress,
  );
}
