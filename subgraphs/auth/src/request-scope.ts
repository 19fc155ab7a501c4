import { allTenants, apiError, ErrorCode, isUuid, notFound, badInput, type DataScope, type Identity, type TransactionClient } from '@codex/kit';
import type { AuthDatabase } from './db.ts';

/** What a domain function needs from a request: a database narrowed to a scope, and who asks. */
export interface AuthRequest {
  db: AuthDatabase;
  dataScope: DataScope;
  identity: Identity | null;
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

export type AuthTx = TransactionClient<AuthDatabase>;

/**
 * The same request with the all-tenants database: for work that must find rows before anyone's
 * tenant is known (login, refresh tokens, reset tokens, client credentials, key verification).
 * Every function that uses it scopes by the row it found, never by caller input.
 */
export const asSystem = (system: AuthDatabase, request: Omit<AuthRequest, 'db' | 'dataScope'>): AuthRequest => ({
  ...request,
  db: system,
  dataScope: allTenants,
});

/** A logged-in person (not an API key or machine client). */
export function requireUser(identity: Identity | null): Identity {
  if (!identity || identity.kind !== 'user') throw apiError(ErrorCode.FORBIDDEN, 'Only a logged-in user can do this');
  return identity;
}

export function requireIdentity(identity: Identity | null): Identity {
  if (!identity) throw apiError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return identity;
}

/** A tenant nobody has, for filters that must match nothing. */
const noTenant = '00000000-0000-0000-0000-000000000000';

/** Rows a list may show: SUPERADMIN all (or `requested`), others their tenant (a foreign `requested` shows nothing). */
export function tenantFilter(identity: Identity, requested: string | null | undefined): { tenantId?: string } {
  if (requested && !isUuid(requested)) throw badInput('tenantId must be an id', 'tenantId');
  if (identity.role === 'SUPERADMIN') return requested ? { tenantId: requested } : {};
  if (!identity.tenantId || (requested && requested !== identity.tenantId)) return { tenantId: noTenant };
  return { tenantId: identity.tenantId };
}

/** The tenant a new row goes into: SUPERADMIN names it, others get their own (naming another is "not found"). */
export function targetTenantId(identity: Identity, requested: string | null | undefined, field: string): string {
  if (identity.role === 'SUPERADMIN') {
    if (!requested) throw badInput('tenantId is required', field);
    if (!isUuid(requested)) throw notFound('Tenant');
    return requested;
  }
  if (!identity.tenantId || (requested && requested !== identity.tenantId)) throw notFound('Tenant');
  return identity.tenantId;
}

/** `targetTenantId`, and the tenant must exist in the caller's scope (else "not found"). */
export async function existingTargetTenant(request: AuthRequest, identity: Identity, requested: string | null | undefined, field: string): Promise<string> {
  const tenantId = targetTenantId(identity, requested, field);
  if (!(await request.db.tenant.findFirst({ where: { id: tenantId }, select: { id: true } }))) throw notFound('Tenant');
  return tenantId;
}

/** The person behind an action, for auth events: null when an API key or machine client acts. */
export const actingUserId = (identity: Identity) => (identity.kind === 'user' ? identity.subjectId : null);

/** Ids are UUIDs: anything else is "not found", like a missing or foreign row. */
export function existingId(id: string, entity: string): string {
  if (!isUuid(id)) throw notFound(entity);
  return id;
}
