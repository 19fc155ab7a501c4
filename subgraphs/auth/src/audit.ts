import type { PageArgs } from '@codex/kit';
import type { AuthDatabase, Prisma } from './db.ts';
import { loadTenantPage } from './pages.ts';
import type { AuthRequest } from './request-scope.ts';

export interface AuditEntry {
  tenantId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Never secrets or hashes. */
  changes?: Prisma.InputJsonObject;
}

/** Writes one audit row; call it with the transaction of the write it records. */
export async function recordAudit(tx: Pick<AuthDatabase, 'auditLog'>, request: Pick<AuthRequest, 'identity' | 'requestId'>, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorId: request.identity?.subjectId ?? null,
      actorRole: request.identity?.role ?? 'SYSTEM',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: entry.changes ?? {},
      requestId: request.requestId,
    },
  });
}

/** ADMIN: their tenant's trail; SUPERADMIN: everything, or one tenant's. */
export const listAuditLog = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) => loadTenantPage(request, args, request.db.auditLog);
