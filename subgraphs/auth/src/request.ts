import {
  notFound,
  targetTenantId,
  type DomainRequest,
  type Identity,
  type RequestContext,
  type TransactionClient,
} from '@codex/kit';
import type { AuthDatabase } from './db.ts';

export { actingUserId, existingId, requireIdentity, requireUser, tenantFilter, targetTenantId } from '@codex/kit';

/** A domain request of this service, with the caller's address and agent (auth events, the login throttle). */
export type AuthRequest = DomainRequest<AuthDatabase> & Pick<RequestContext, 'clientIp' | 'userAgent'>;

export type AuthTx = TransactionClient<AuthDatabase>;

/**
 * The same request with the all-tenants database: for work that must find rows before anyone's
 * tenant is known (login, refresh tokens, reset tokens, client credentials, key verification).
 * Every function that uses it scopes by the row it found, never by caller input.
 */
export const asSystem = (system: AuthDatabase, request: Omit<AuthRequest, 'db' | 'dataScope'>): AuthRequest => ({
  ...request,
  db: system,
  dataScope: { kind: 'allTenants' },
});

/** `targetTenantId`, and the tenant must exist in the caller's scope (else "not found"). */
export async function existingTargetTenant(
  request: AuthRequest,
  identity: Identity,
  requested: string | null | undefined,
  field: string,
): Promise<string> {
  const tenantId = targetTenantId(identity, requested, field);
  if (!(await request.db.tenant.findFirst({ where: { id: tenantId }, select: { id: true } }))) throw notFound('Tenant');
  return tenantId;
}
