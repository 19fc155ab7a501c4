import { isUuid, type DomainRequest, type TransactionClient, notFound } from '@codex/kit';
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
  if (!row || row.tenantId !== tenantId) throw notFound(entity, field);
  return row;
}

/** A model the rows an input names are read from (the request's scoped client narrows it to the tenant too). */
interface NamedRows<T> {
  findFirst: (args: { where: { id: string } }) => PromiseLike<T | null>;
}

/** The row of `model` that input `field` names by `id`, which must be in `tenantId` (see `inTenant`). */
export async function namedInTenant<T extends { tenantId: string }>(
  model: NamedRows<T>,
  id: string,
  named: { tenantId: string; entity: string; field: string },
): Promise<T> {
  const row = isUuid(id) ? await model.findFirst({ where: { id } }) : null;
  return inTenant(row, named.tenantId, named.entity, named.field);
}

/** Prisma `update` data from parsed input: only the fields the caller gave (undefined = unchanged). */
export function givenFields<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
