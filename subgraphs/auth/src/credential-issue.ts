import { auditRow, recordRowEvent, withScope, type Identity } from '@codex/kit';
import { recordAuthEvent } from './auth-events.ts';
import { credentialSecrets, type CredentialKind } from './credential-revocation.ts';
import type { Prisma } from './db.ts';
import { actingUserId, existingTargetTenant, type AuthRequest, type AuthTx } from './request.ts';

/** One credential to issue: its kind, the tenant asked for, and what its records say beside its id. */
export interface CredentialIssue {
  kind: CredentialKind;
  /** `input.tenantId`: a SUPERADMIN's target tenant; others issue in their own. */
  tenantId: string | null | undefined;
  /** What the audit entry records, and what the security event adds. */
  changes: Record<string, unknown>;
  details?: Prisma.InputJsonObject;
}

/**
 * Creates a credential in the caller's target tenant (which must exist), owned by the caller, with
 * its security event and audit entry in the same transaction. `create` writes the row.
 */
export async function issueCredential<T extends { id: string; tenantId: string }>(
  request: AuthRequest,
  identity: Identity,
  issue: CredentialIssue,
  create: (tx: AuthTx, owner: { tenantId: string; createdById: string }) => Promise<T>,
): Promise<T> {
  const { kind } = issue;
  const tenantId = await existingTargetTenant(request, identity, issue.tenantId, 'input.tenantId');
  return withScope(request.db, request.dataScope, async (tx) => {
    const created = await create(tx, { tenantId, createdById: identity.subjectId });
    await recordAuthEvent(tx, request, {
      type: kind.issued.event,
      tenantId,
      userId: actingUserId(identity),
      metadata: { [kind.idKey]: created.id, ...issue.details },
    });
    await auditRow(tx, request, kind.issued.action, kind.entityType, created, issue.changes);
    await recordRowEvent(tx, request, kind.issued.domainEvent, created, { omit: credentialSecrets });
    return created;
  });
}
