import { auditRow, findExisting, withScope } from '@codex/kit';
import { recordAuthEvent } from './auth-events.ts';
import type { AuthEventType } from './db.ts';
import { actingUserId, existingId, requireIdentity, type AuthRequest, type AuthTx } from './request.ts';

/** API keys and machine clients: rows of a tenant that stop working once `revokedAt` is set. */
interface Revocable {
  id: string;
  tenantId: string;
  revokedAt: Date | null;
}

interface RevocableModel<T> {
  findFirst: (args: { where: { id: string } }) => PromiseLike<T | null>;
  update: (args: { where: { id: string }; data: { revokedAt: Date } }) => PromiseLike<T>;
}

/** What differs between revoking one kind of credential and another: the names it is known by. */
export interface CredentialKind {
  /** In NOT_FOUND messages: `API key`. */
  label: string;
  /** The audit entry's entity type and action. */
  entityType: string;
  action: string;
  /** The security event and the metadata key that carries the row's id. */
  event: AuthEventType;
  idKey: string;
}

/**
 * Sets `revokedAt` once (revoking a revoked credential answers it unchanged), with its security
 * event and audit entry in the same transaction.
 */
export async function revokeCredential<T extends Revocable>(
  request: AuthRequest,
  id: string,
  model: (tx: AuthTx) => RevocableModel<T>,
  kind: CredentialKind,
): Promise<T> {
  const identity = requireIdentity(request.identity);
  const rowId = existingId(id, kind.label);
  return withScope(request.db, request.dataScope, async (tx) => {
    const row = await findExisting(model(tx), rowId, kind.label);
    if (row.revokedAt) return row;
    const revoked = await model(tx).update({ where: { id: rowId }, data: { revokedAt: new Date() } });
    await recordAuthEvent(tx, request, {
      type: kind.event,
      tenantId: row.tenantId,
      userId: actingUserId(identity),
      metadata: { [kind.idKey]: rowId },
    });
    await auditRow(tx, request, kind.action, kind.entityType, row);
    return revoked;
  });
}
