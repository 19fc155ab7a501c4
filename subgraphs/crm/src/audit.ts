import { listAuditLog as listServiceAuditLog, type AuditLogArgs } from '@codex/kit';
import type { CrmRequest } from './crm-request.ts';

/** ADMIN: their tenant's trail; SUPERADMIN: everything, or one tenant's. */
export const listAuditLog = (request: CrmRequest, args: AuditLogArgs) =>
  listServiceAuditLog(request, args, request.db.auditLog);
