import { allow, definePermissions, isSuperadmin, ownsParentTenant } from '@codex/kit/permissions';

/**
 * CDX's part of the access matrix: platform-wide figures are for SUPERADMINs; a tenant's KPIs for
 * whoever may see the tenant. A machine client reads the KPIs only with the scopes of every
 * summary they are computed from (the plan fetches those summaries with its identity anyway).
 */
const kpiScopes = ['auth:read', 'crm:read', 'billing:read', 'analytics:read'] as const;
export const permissions = definePermissions(
  { read: kpiScopes, write: null },
  {
    Query: { platformHealth: isSuperadmin, platformOverview: isSuperadmin },
    PlatformHealth: allow,
    ServiceHealth: allow,
    PlatformOverview: isSuperadmin,
    Tenant: ownsParentTenant,
    Kpis: allow,
    Money: allow,
    TenantUsersSummary: allow,
    TenantCrmSummary: allow,
    TenantBillingSummary: allow,
    TenantAnalyticsSummary: allow,
  },
);
