import { allow, isSuperadmin, type PermissionMap } from '@codex/kit';

/** CDX's part of the access matrix: platform-wide figures are for SUPERADMINs. */
export const permissions: PermissionMap = {
  Query: { platformHealth: isSuperadmin },
  PlatformHealth: allow,
  ServiceHealth: allow,
};
