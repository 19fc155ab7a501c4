import { allTenants, demoCustomerId, demoId, demoTenant } from '@codex/kit';
import { scopeBillingDatabase, type BillingDatabase } from './db.ts';

/**
 * Demo billing data for the demo tenant: three plans, subscriptions of CRM demo customers
 * (`demoCustomerId`), invoices in every status with line items, usage records and the invoice
 * number counter. Idempotent and safe to run concurrently (fixed ids, ON CONFLICT DO NOTHING).
 */
const tenantId = demoTenant.id;
const id = (key: string) => demoId(`billing.${tenantId}.${key}`);
const plans = [
  { key: 'starter', name: 'Starter', amount: '29.0000', interval: 'MONTH', trialDays: 14, features: ['5 users', 'Email support'] },
  { key: 'pro', name: 'Professional', amount: '99.0000', interval: 'MONTH', trialDays: 14, features: ['25 users', 'Priority support', 'API access'] },
  { key: 'enterprise', name: 'Enterprise (annual)', amount: '9900.0000', interval: 'YEAR', trialDays: 0, features: ['Unlimited users', 'SSO', 'SLA'] },
] as const;
const subscriptionStatuses = ['ACTIVE', 'ACTIVE', 'TRIALING', 'PAST_DUE', 'ACTIVE', 'CANCELLED', 'ACTIVE', 'ACTIVE'] as const;
const invoiceStatuses = ['PAID', 'PAID', 'OPEN', 'OPEN', 'DRAFT', 'VOID', 'UNCOLLECTIBLE', 'PAID'] as const;
const day = 86_400_000;
const periodStart = new Date(Date.UTC(2025, 4, 1));

export async function seedBillingDemo(unscoped: BillingDatabase): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeBillingDatabase(unscoped, allTenants);
  await db.plan.createMany({
    data: plans.map((plan) => ({ id: id(`plan.${plan.key}`), tenantId, name: plan.name, amount: plan.amount, currency: 'USD', interval: plan.interval, intervalCount: 1, trialDays: plan.trialDays, features: [...plan.features] })),
    skipDuplicates: true,
  });
  const subscriptions = subscriptionStatuses.map((status, i) => {
    const plan = plans[i % plans.length]!;
    const end = new Date(periodStart.getTime() + (plan.interval === 'YEAR' ? 365 : 30) * day);
    return {
      id: id(`subscription.${i}`),
      tenantId,
      customerId: demoCustomerId(tenantId, i),
      planId: id(`plan.${plan.key}`),
      status,
      quantity: 1 + (i % 3),
      trialStart: status === 'TRIALING' ? periodStart : null,
      trialEnd: status === 'TRIALING' ? new Date(periodStart.getTime() + 14 * day) : null,
      currentPeriodStart: periodStart,
      currentPeriodEnd: end,
      cancelAtPeriodEnd: i === 4,
      cancelledAt: status === 'CANCELLED' ? new Date(periodStart.getTime() + 10 * day) : null,
      cancelReason: status === 'CANCELLED' ? 'Too expensive' : null,
      planAmount: Number(plan.amount),
      planName: plan.name,
      planKey: plan.key,
    };
  });
  await db.subscription.createMany({
    data: subscriptions.map(({ planAmount: _amount, planName: _name, planKey: _key, ...row }) => row),
    skipDuplicates: true,
  });

  const invoices = subscriptions.map((subscription, i) => {
    const status = invoiceStatuses[i]!;
    const subtotal = subscription.planAmount * subscription.quantity;
    const tax = Math.round(subtotal * 0.19 * 100) / 100;
    const discount = i === 1 ? 10 : 0;
    return {
      id: id(`invoice.${i}`),
      tenantId,
      number: `INV-${String(i + 1).padStart(6, '0')}`,
      status,
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
      currency: 'USD',
      subtotal: subtotal.toFixed(4),
      tax: tax.toFixed(4),
      discount: discount.toFixed(4),
      total: (subtotal + tax - discount).toFixed(4),
      amountPaid: status === 'PAID' ? (subtotal + tax - discount).toFixed(4) : '0',
      issuedAt: status === 'DRAFT' ? null : periodStart,
      dueDate: new Date(periodStart.getTime() + 14 * day),
      paidAt: status === 'PAID' ? new Date(periodStart.getTime() + 3 * day) : null,
      voidedAt: status === 'VOID' ? new Date(periodStart.getTime() + 5 * day) : null,
      periodStart: subscription.currentPeriodStart,
      periodEnd: subscription.currentPeriodEnd,
      line: { description: `${subscription.planName} × ${subscription.quantity}`, quantity: subscription.quantity, unitPrice: subscription.planAmount, planId: subscription.planId },
    };
  });
  await db.invoice.createMany({ data: invoices.map(({ line: _line, ...row }) => row), skipDuplicates: true });
  await db.invoiceLineItem.createMany({
    data: invoices.map((invoice) => ({
      id: id(`invoice-line.${invoice.number}.0`),
      tenantId,
      invoiceId: invoice.id,
      position: 0,
      description: invoice.line.description,
      quantity: String(invoice.line.quantity),
      unitPrice: invoice.line.unitPrice.toFixed(4),
      amount: (invoice.line.unitPrice * invoice.line.quantity).toFixed(4),
      planId: invoice.line.planId,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
    })),
    skipDuplicates: true,
  });
  await db.invoiceNumberCounter.createMany({ data: [{ tenantId, prefix: 'INV', lastValue: invoices.length }], skipDuplicates: true });
  await db.usageRecord.createMany({
    data: subscriptions.slice(0, 4).flatMap((subscription, s) =>
      Array.from({ length: 6 }, (_, d) => ({
        id: id(`usage.${s}.${d}`),
        tenantId,
        subscriptionId: subscription.id,
        metric: d % 2 ? 'storage_gb' : 'api_calls',
        quantity: String(d % 2 ? 2.5 + d : 1000 * (d + 1)),
        unitPrice: d % 2 ? '0.1000' : '0.0010',
        periodStart: new Date(periodStart.getTime() + d * day),
        periodEnd: new Date(periodStart.getTime() + (d + 1) * day),
        recordedAt: new Date(periodStart.getTime() + (d + 1) * day),
        idempotencyKey: `demo-usage-${s}-${d}`,
      })),
    ),
    skipDuplicates: true,
  });
}
