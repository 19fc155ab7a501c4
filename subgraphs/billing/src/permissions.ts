import { connectionTypes, definePermissions, grant } from '@codex/kit';

/**
 * Billing's part of the access matrix; fields not listed are denied. SUPERADMIN R/W all; ADMIN
 * "R own tenant, W subscriptions": reads everything of their tenant and writes subscriptions (and
 * their metered usage, which Stripe records on subscription items); plans and invoices are
 * SUPERADMIN writes. CLIENT (users, API keys, machine clients) "R own": reads only. Domain
 * functions and the scoped database decide which rows anyone sees (a foreign id is "not found").
 * Types carry rules too, because `_entities` reaches them without any root field. Machine clients
 * need `billing:read` / `billing:write` (definePermissions adds them to every rule).
 */
export const permissions = definePermissions(
  { read: 'billing:read', write: 'billing:write' },
  {
    Query: grant({
      isTenantMember: [
        'plans',
        'plan',
        'subscriptions',
        'subscription',
        'invoices',
        'invoice',
        // bill-engine
        'usageEvents',
        'billableMetrics',
        'billableMetric',
        'upcomingInvoice',
        // bill-docs
        'creditNotes',
        'creditNote',
        'coupons',
        'coupon',
      ],
      isTenantAdmin: ['billingAuditLog'],
    }),
    Mutation: grant({
      // Subscriptions (and their usage) are their tenant's ADMINs' to write.
      isTenantAdmin: [
        'subscribeCustomer',
        'changeSubscriptionPlan',
        'cancelSubscription',
        'resumeSubscription',
        // bill-engine: usage is part of a subscription.
        'recordUsage',
        'recordUsageEvents',
        // bill-docs: plan changes, credit notes, coupons on subscriptions.
        'cancelScheduledPlanChange',
        'createCreditNote',
        'applyCoupon',
        'removeCoupon',
      ],
      // Plans and invoices are SUPERADMIN writes.
      isSuperadmin: [
        'createPlan',
        'updatePlan',
        'archivePlan',
        'createInvoiceForPeriod',
        'finalizeInvoice',
        'markInvoicePaid',
        'voidInvoice',
        'markInvoiceUncollectible',
        // bill-engine
        'createBillableMetric',
        'updateBillableMetric',
        'archiveBillableMetric',
        // bill-docs: coupons are SUPERADMIN's, like plans.
        'createCoupon',
        'updateCoupon',
        'archiveCoupon',
      ],
    }),
    ...grant({
      ofCallersTenant: [
        'Plan',
        'BillingSubscription',
        'Invoice',
        'InvoiceLine',
        // bill-engine
        'UsageEvent',
        'BillableMetric',
        'PlanCharge',
        'Coupon',
        'AppliedCoupon',
        'InvoiceDiscount',
        'UpcomingInvoice',
        // bill-docs
        'CreditNote',
        'CreditNoteLine',
      ],
      tenantAdminOfRow: ['AuditLogEntry'],
      ownsParentTenant: ['Tenant'],
      allow: [
        'TenantBillingSummary',
        'Money',
        'DailyCount',
        'TenantMoney',
        // bill-engine: reached only through a guarded UpcomingInvoice.
        'UpcomingInvoiceLine',
        'UpcomingInvoiceDiscount',
      ],
      // Figures across every tenant: SUPERADMIN only, every field.
      isSuperadmin: ['PlatformOverview', 'DailyMoney'],
    }),
    // A customer reached from a billing row carries that row's tenant; one the gateway sends by
    // reference has none, so its id is refused to all but SUPERADMIN (the gateway takes Customer.id
    // from CRM) while its subscriptions are scoped to the caller.
    Customer: grant({ ownsParentTenant: ['id'], isAuthenticated: ['subscriptions'] }),
    ...connectionTypes(
      'Plan',
      'Subscription',
      'Invoice',
      'UsageEvent',
      'BillableMetric',
      'AuditLog',
      // bill-docs
      'CreditNote',
      'Coupon',
    ),
  },
);
