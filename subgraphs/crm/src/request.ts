import { apiError, ErrorCode, type DomainRequest, type TransactionClient } from '@codex/kit';
import type { CrmDatabase } from './db.ts';
import type { TenantUsers } from './tenant-users.ts';

/** A domain request of this service: the request context satisfies it. */
export type CrmRequest = DomainRequest<CrmDatabase>;

/** What `withScope(request.db, …)` hands its callback. */
export type CrmTx = TransactionClient<CrmDatabase>;

/** A request that may name users (lead assignees): it asks Auth whether they are in the tenant. */
export type UserCheckingRequest = CrmRequest & { tenantUsers: TenantUsers };

/**
 * A row that an input names (a lead's customer, an interaction's lead) must be in the tenant the
 * write happens in; otherwise it is "not found", like a missing one, with the input field.
 */
export function inTenant<T extends { tenantId: string }>(
  row: T | null,
  tenantId: string,
  entity: string,
  field: string,
): T {
  if (!row || row.tenantId !== tenantId) throw apiError(ErrorCode.NOT_FOUND, `${entity} not found`, { field });
  return row;
}

/** Prisma `update` data from parsed input: only the fields the caller gave (undefined = unchanged). */
export function givenFields<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
