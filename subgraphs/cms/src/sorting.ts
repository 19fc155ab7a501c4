import { badInput, creationSort, tenantFilter, type Identity, type SortDirection, type SortOrder } from '@codex/kit';

/** A list's `orderBy` argument as the kit's sort order; `columns` maps each order field to a non-null column. */
export function sortOrderOf<F extends string>(order: { field: F; direction: SortDirection } | null | undefined, columns: Record<F, string>, fallback: SortOrder = creationSort): SortOrder {
  return order ? { field: columns[order.field], direction: order.direction } : fallback;
}

/**
 * The tenant a by-slug lookup searches: slugs are unique per tenant only, so a SUPERADMIN (who sees
 * every tenant) must name one; others search their own (naming another finds nothing).
 */
export function slugLookupTenant(identity: Identity, tenantId: string | null | undefined) {
  if (identity.role === 'SUPERADMIN' && !tenantId) throw badInput('tenantId is required: slugs are unique per tenant', 'tenantId');
  return tenantFilter(identity, tenantId);
}
