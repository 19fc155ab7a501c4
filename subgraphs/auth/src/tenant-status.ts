import { apiError, ErrorCode } from '@codex/kit';
import type { TenantStatus } from './db.ts';

/** Tenants whose users, keys and clients may sign in. */
export const activeTenantStatuses: TenantStatus[] = ['ACTIVE', 'TRIAL'];
export const blockedTenantStatuses: TenantStatus[] = ['SUSPENDED', 'ARCHIVED'];

export const isTenantAllowed = (tenant: { status: TenantStatus } | null) =>
  tenant === null || activeTenantStatuses.includes(tenant.status);

export const tenantSuspended = () => apiError(ErrorCode.FORBIDDEN, 'This tenant is suspended');
