import { allow, ownsParentTenant, type PermissionMap } from '@codex/kit';

/** Cms's part of the access matrix; fields not listed are denied. */
export const permissions: PermissionMap = {
  Tenant: ownsParentTenant,
  TenantCmsSummary: allow,
};
