import {
  allow,
  connectionTypes,
  definePermissions,
  isAuthenticated,
  isSuperadmin,
  isTenantAdmin,
  isTenantMember,
  ofCallersTenant,
  ownsParentTenant,
  tenantAdminOfRow,
} from '@codex/kit';

/**
 * Billing's part of the access matrix; fields not listed are denied. SUPERADMIN R/W all; ADMIN
 * "R own tenant, W subscriptions": reads everything of their tenant and writes subscriptions (and
 * their metered usage, which Stripe records on subscription items); plans and invoices are
 * SUPERADMIN writes. CLIENT (users, API keys, machine clients) "R own": reads only. Domain
 * functions and the scoped database decide which rows anyone sees (a foreign id is "not found").
 * Types carry rules too, because `_entities` reaches them without any root field. Machine clients
 * need `billing:read` / `billing:write` (definePermissions adds them to every rule).
 */
const reader = isTenantMember;
const subscriptionWriter = isTenantAdmin;
const billingWriter = isSuperadmin;

export const permissions = definePermissions(
  { read: 'billing:read', write: 'billing:write' },
  {
    Query: {
      plans: reader,
      plan: reader,
      subscriptions: reader,
      subscription: reader,
      invoices: reader,
      invoice: reader,
      usageRecords: reader,
      billingAuditLog: isTenantAdmin,
    },
    Mutation: {
      createPlan: billingWriter,
      updatePlan: billingWriter,
      archivePlan: billingWriter,
      subscribeCustomer: subscriptionWriter,
      changeSubscriptionPlan: subscriptionWriter,
      cancelSubscription: subscriptionWriter,
      resumeSubscription: subscriptionWriter,
      recordUsage: subscriptionWriter,
      createInvoiceForPeriod: billingWriter,
      finalizeInvoice: billingWriter,
      markInvoicePaid: billingWriter,
      voidInvoice: billingWriter,
      markInvoiceUncollectible: billingWriter,
    },
    Plan: ofCallersTenant,
    BillingSubscription: ofCallersTenant,
    Invoice: ofCallersTenant,
    InvoiceLine: ofCallersTenant,
    UsageRecord: ofCallersTenant,
    // A customer reached from a billing row carries that row's tenant; one the gateway sends by
    // reference has none, so its id is refused to all but SUPERADMIN (the gateway takes Customer.id
    // from CRM) while its subscriptions are scoped to the caller.
    Customer: { id: ownsParentTenant, subscriptions: isAuthenticated },
    AuditLogEntry: tenantAdminOfRow,
    Tenant: ownsParentTenant,
    TenantBillingSummary: allow,
    Money: allow,
    DailyCount: allow,
    TenantMoney: allow,
    // Figures across every tenant: SUPERADMIN only, every field.
    PlatformOverview: isSuperadmin,
    ...connectionTypes('Plan', 'Subscription', 'Invoice', 'UsageRecord', 'AuditLog'),
  },
);
