import type { PageArgs, SortOrder } from './connections.ts';
import { loadTenantPage, type DomainRequest, type ListableModel } from './domain-request.ts';

export interface AuditEntry {
  tenantId: string | null;
  /** `<entity>.<verb>`, e.g. `customer.create`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** What changed. Never secrets or hashes. */
  changes?: Record<string, unknown>;
}

/** The audit model every service database has (see `AuditLog` in each schema.prisma). */
export interface AuditWriter {
  auditLog: { create: (args: { data: AuditRow }) => PromiseLike<unknown> };
}

interface AuditRow {
  tenantId: string | null;
  actorId: string | null;
  actorRole: 'SUPERADMIN' | 'ADMIN' | 'CLIENT' | 'SYSTEM';
  action: string;
  entityType: string;
  entityId: string | null;
  changes: never;
  requestId: string;
}

/** Writes one audit row; call it with the transaction of the write it records, so both commit or neither. */
export async function recordAudit(
  tx: AuditWriter,
  request: Pick<DomainRequest<unknown>, 'identity' | 'requestId'>,
  entry: AuditEntry,
) {
  await tx.auditLog.create({ data: auditData(request, entry) });
}

const auditData = (request: Pick<DomainRequest<unknown>, 'identity' | 'requestId'>, entry: AuditEntry): AuditRow => ({
  tenantId: entry.tenantId,
  actorId: request.identity?.subjectId ?? null,
  actorRole: request.identity?.role ?? 'SYSTEM',
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId,
  changes: jsonSafe(entry.changes ?? {}) as never,
  requestId: request.requestId,
});

/** The audit model's multi-row insert: what `recordAudits` writes through. */
export interface AuditBatchWriter {
  auditLog: { createMany: (args: { data: AuditRow[] }) => PromiseLike<unknown> };
}

/**
 * `recordAudit` for many entries, each with its own request, in one INSERT: batch jobs (the billing
 * clock's nightly run) audit hundreds of changes per transaction.
 */
export async function recordAudits(
  tx: AuditBatchWriter,
  entries: readonly { request: Pick<DomainRequest<unknown>, 'identity' | 'requestId'>; entry: AuditEntry }[],
) {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({ data: entries.map(({ request, entry }) => auditData(request, entry)) });
}

/**
 * Audits a change to one row: the entry's tenant and entity id are the row's. The common case of
 * `recordAudit` (a row found or written in `tx`), so each write names only what it did.
 */
export function auditRow(
  tx: AuditWriter,
  request: Pick<DomainRequest<unknown>, 'identity' | 'requestId'>,
  action: string,
  entityType: string,
  row: { id: string; tenantId: string | null },
  changes?: Record<string, unknown>,
) {
  return recordAudit(tx, request, { tenantId: row.tenantId, action, entityType, entityId: row.id, changes });
}

/** Decimals and dates as strings, undefined dropped: what a JSON column can hold. */
const jsonSafe = (value: Record<string, unknown>) => JSON.parse(JSON.stringify(value)) as unknown;

export interface AuditLogArgs extends PageArgs {
  tenantId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  order?: 'OLDEST_FIRST' | 'NEWEST_FIRST' | null;
}

/** Newest first reads the same `(tenant_id, created_at)` index backwards. */
const newestFirst: SortOrder<'createdAt'> = { field: 'createdAt', direction: 'DESC', kind: 'date' };

/**
 * A service's audit trail, oldest first unless `order` is NEWEST_FIRST (a cursor keeps the order it
 * was made in). ADMIN: their tenant's; SUPERADMIN: all, or one tenant's.
 */
export function listAuditLog<T extends { id: string; createdAt: Date }>(
  request: Pick<DomainRequest<{ auditLog: ListableModel<T> }>, 'identity' | 'db'>,
  args: AuditLogArgs,
) {
  const filter = {
    ...(args.entityType ? { entityType: args.entityType } : {}),
    ...(args.entityId ? { entityId: args.entityId } : {}),
  };
  const sort = args.order === 'NEWEST_FIRST' ? newestFirst : undefined;
  return loadTenantPage(request, args, request.db.auditLog, filter, sort);
}

/** `AuditLogEntry.changes` is JSON text on the wire (its shape differs per action). */
export const auditChangesAsText = (entry: { changes: unknown }) =>
  entry.changes === null ? null : JSON.stringify(entry.changes);
