import { listAuditLog, type AuditLogArgs } from '@codex/kit';
import type { CmsRequest } from './request.ts';

/** ADMIN: their tenant's CMS trail; SUPERADMIN: everything, or one tenant's. */
export const listCmsAuditLog = (request: CmsRequest, args: AuditLogArgs) =>
  listAuditLog(request, args, request.db.auditLog);
