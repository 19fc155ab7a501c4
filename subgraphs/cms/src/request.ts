import type { DomainRequest, TransactionClient } from '@codex/kit';
import type { CmsDatabase } from './db.ts';

export { actingUserId, conflict, existingId, requireIdentity, requireOwnership, targetTenantId } from '@codex/kit';

/** What the CMS domain functions need from a request (the resolver context has all of it). */
export type CmsRequest = DomainRequest<CmsDatabase>;

/** A transaction of this service's client (inside `withScope`). */
export type CmsTx = TransactionClient<CmsDatabase>;
