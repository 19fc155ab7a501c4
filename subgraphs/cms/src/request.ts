import { apiError, ErrorCode, type DomainRequest, type Identity, type TransactionClient } from '@codex/kit';
import type { CmsDatabase } from './db.ts';

export { actingUserId, existingId, requireIdentity, targetTenantId } from '@codex/kit';

/** What the CMS domain functions need from a request (the resolver context has all of it). */
export type CmsRequest = DomainRequest<CmsDatabase>;

export type CmsTx = TransactionClient<CmsDatabase>;

/**
 * CMS is "R/W own" for CLIENTs: inside their tenant they change only rows they created (items they
 * authored, files they uploaded). API keys and machine clients own what they created under their
 * own id. ADMINs and SUPERADMINs change everything they can see.
 */
export function requireOwnership(identity: Identity, ownerId: string | null, entity: string) {
  if (identity.role === 'CLIENT' && ownerId !== identity.subjectId) {
    throw apiError(ErrorCode.FORBIDDEN, `A CLIENT can only change ${entity}s it created`);
  }
}

/** A unique index refused the write: CONFLICT naming the field that collided. */
export const conflict = (message: string, field: string) => apiError(ErrorCode.CONFLICT, message, { field });
