import { listAuditLog as listServiceAuditLog, type AuditLogArgs, type DomainRequest } from '@codex/kit';
import type { BillingDatabase } from './db.ts';

/** ADMIN: their tenant's billing trail; SUPERADMIN: everything, or one tenant's. */
export const listAuditLog = (request: DomainRequest<BillingDatabase>, args: AuditLogArgs) =>
  listServiceAuditLog(request, args, request.db.auditLog);
