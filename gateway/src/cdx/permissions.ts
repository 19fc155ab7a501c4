import { allow, isSuperadmin, ownsParentTenant, type PermissionMap } from '@codex/kit/permissions';

/** CDX's part of the access matrix: platform-wide figures are for SUPERADMINs; a tenant's KPIs for whoever may see the tenant. */
export const permissions: PermissionMap = {
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
};
