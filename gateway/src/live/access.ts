import { apiError, ErrorCode } from '@codex/kit/errors';
import { canAccessTenant, type Identity } from '@codex/kit/identity';
import type { DomainEvent } from '@codex/kit/domain-events';

export type LiveField = 'tenantFigures' | 'domainEvents' | 'platformHealth';

const forbidden = (message: string) => apiError(ErrorCode.FORBIDDEN, message);

/** What a `domainEvents` subscriber asked for; `tenantId` narrows a SUPERADMIN's stream only. */
export interface EventFilter {
  types: ReadonlySet<string> | null;
  tenantId: string | null;
}

/**
 * Which services' events a CLIENT may see: a machine client those its `<service>:read` scopes name;
 * a CLIENT user or API key every service but Auth (whose events are about users and tenants, an
 * ADMIN's business). ADMINs see all of their tenant's, SUPERADMINs every tenant's.
 */
const clientSeesService = (identity: Identity, service: string) =>
  identity.kind === 'machine' ? identity.scopes.includes(`${service}:read`) : service !== 'auth';

/** Refuses a subscription the caller may not open at all (checked on subscribe and before every push). */
export function assertMaySubscribe(identity: Identity, field: LiveField, args: Record<string, unknown>): void {
  if (field === 'platformHealth' && identity.role !== 'SUPERADMIN') {
    throw forbidden('platformHealth is for SUPERADMIN only');
  }
  if (field === 'tenantFigures' && !canAccessTenant(identity, String(args.tenantId))) {
    throw forbidden("Only your own tenant's figures");
  }
  if (field === 'domainEvents' && args.tenantId != null && !canAccessTenant(identity, String(args.tenantId))) {
    throw forbidden("Only your own tenant's events");
  }
}

/** Whether one event goes to this subscriber: its tenant scope, role and filter, checked per event. */
export function eventVisibleTo(identity: Identity, filter: EventFilter, event: DomainEvent): boolean {
  if (filter.types && !filter.types.has(event.type)) return false;
  if (identity.role === 'SUPERADMIN') return filter.tenantId === null || event.tenantId === filter.tenantId;
  if (event.tenantId === null || event.tenantId !== identity.tenantId) return false;
  return identity.role === 'ADMIN' || clientSeesService(identity, event.service);
}
