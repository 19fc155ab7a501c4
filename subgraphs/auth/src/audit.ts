import { listAuditLog as listServiceAuditLog, type AuditLogArgs } from '@codex/kit';
import type { AuthRequest } from './request-scope.ts';

/** ADMIN: their tenant's trail; SUPERADMIN: everything, or one tenant's. */
export const listAuditLog = (request: AuthRequest, args: AuditLogArgs) =>
  listServiceAuditLog(request, args, request.db.auditLog);
