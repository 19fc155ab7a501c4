import { badInput, tenantFilter, type Identity } from '@codex/kit';

/**
 * The tenant a by-slug lookup searches: slugs are unique per tenant only, so a SUPERADMIN (who sees
 * every tenant) must name one; others search their own (naming another finds nothing).
 */
export function slugLookupTenant(identity: Identity, tenantId: string | null | undefined) {
  if (identity.role === 'SUPERADMIN' && !tenantId)
    throw badInput('tenantId is required: slugs are unique per tenant', 'tenantId');
  return tenantFilter(identity, tenantId);
}
