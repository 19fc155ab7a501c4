import { loadTenantPage, type PageArgs } from '@codex/kit';
import type { AuthRequest } from './request-scope.ts';

/** ADMIN: their tenant's trail; SUPERADMIN: everything, or one tenant's. */
export const listAuditLog = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) => loadTenantPage(request, args, request.db.auditLog);
