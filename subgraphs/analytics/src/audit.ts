import { listAuditLog, type AuditLogArgs } from '@codex/kit';
import type { AnalyticsRequest } from './analytics-request.ts';

/** ADMIN: their tenant's trail; SUPERADMIN: everything, or one tenant's. */
export const listAnalyticsAuditLog = (request: AnalyticsRequest, args: AuditLogArgs) =>
  listAuditLog(request, args, request.db.auditLog);
