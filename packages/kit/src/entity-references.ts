/**
 * Another subgraph's entity (an Auth user, a CRM customer) as a subgraph that only names it knows
 * it: an id, and the tenant of the row that named it. A reference that arrives through `_entities`
 * carries no tenant.
 */
export interface EntityReference {
  id: string;
  tenantId?: string;
}

/**
 * The entity a row names (a lead's assignee, an event's customer), or null: a stub, no query. The
 * row's tenant travels with it so the permission rule `ownsParentTenant` can tell a reference
 * reached through a row of the caller's tenant from one forged through `_entities`, whose id is
 * then shown only to SUPERADMINs (the gateway takes the id from the owning subgraph anyway).
 */
export const referenceNamedBy = <T extends string>(
  typename: T,
  row: { tenantId: string },
  id: string | null,
): (EntityReference & { __typename: T }) | null => (id ? { __typename: typename, id, tenantId: row.tenantId } : null);
