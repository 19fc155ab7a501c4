/**
 * Other subgraphs' entities as Analytics knows them: an id, and the tenant of the Analytics row
 * that named it. A reference that arrives through `_entities` carries no tenant, so its id is
 * shown only to SUPERADMINs (see permissions.ts): `_entities` cannot echo another tenant's ids,
 * and the gateway takes those ids from the owning subgraph anyway.
 */
export interface EntityReference {
  id: string;
  tenantId?: string;
}

/** The Auth user a row names (an event's user, a dashboard's creator), or null: a stub, no query. */
export const userNamedBy = (row: { tenantId: string }, userId: string | null) =>
  userId ? { __typename: 'User' as const, id: userId, tenantId: row.tenantId } : null;

/** The CRM customer an event names, or null: a stub that this subgraph extends with its events. */
export const customerNamedBy = (row: { tenantId: string }, customerId: string | null): EntityReference | null =>
  customerId ? { id: customerId, tenantId: row.tenantId } : null;
