import { auditRow, findExisting, recordRowEvent, withScope } from '@codex/kit';
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

/** How NOT_FOUND messages, audit entries and security events name one kind of credential. */
export interface CredentialKind {
  /** In NOT_FOUND messages: `API key`. */
  label: string;
  /** The audit entries' entity type. */
  entityType: string;
  /** The security events' metadata key that carries the row's id. */
  idKey: string;
  /** The audit action, security event and domain event of issuing one, and of revoking one. */
  issued: { action: string; event: AuthEventType; domainEvent: string };
  revoked: { action: string; event: AuthEventType; domainEvent: string };
}

/** The credentials a tenant issues, by the name their audit actions start with. */
type CredentialName = 'api_key' | 'machine_client';

/**
 * A kind's names follow from its own: `api_key` → audit actions `api_key.create` / `api_key.revoke`,
 * events `API_KEY_CREATED` / `API_KEY_REVOKED`, metadata key `apiKeyId`.
 */
export function credentialKind(name: CredentialName, label: string, entityType: string): CredentialKind {
  const event = name.toUpperCase() as Uppercase<CredentialName>;
  return {
    label,
    entityType,
    idKey: `${name.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase())}Id`,
    issued: { action: `${name}.create`, event: `${event}_CREATED`, domainEvent: `${name}.created` },
    revoked: { action: `${name}.revoke`, event: `${event}_REVOKED`, domainEvent: `${name}.revoked` },
  };
}

/** Columns of a credential that never leave Auth in an event (the regex in publicPayload drops them too). */
export const credentialSecrets = ['secretHash'] as const;

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
      type: kind.revoked.event,
      tenantId: row.tenantId,
      userId: actingUserId(identity),
      metadata: { [kind.idKey]: rowId },
    });
    await auditRow(tx, request, kind.revoked.action, kind.entityType, row);
    await recordRowEvent(tx, request, kind.revoked.domainEvent, revoked, { omit: credentialSecrets });
    return revoked;
  });
}
