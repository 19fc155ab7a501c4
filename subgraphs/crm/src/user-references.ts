/**
 * An Auth user as CRM knows it: an id, and the tenant of the CRM row that named it. A user that
 * arrives as a federation reference carries no tenant, so its id is shown only to SUPERADMINs
 * (the gateway takes the id from Auth, which checked it): `_entities` cannot echo foreign ids.
 */
export interface UserReference {
  id: string;
  tenantId?: string;
}

/** The user a row names (an assignee, who had an interaction), or null: a stub, no query. */
export const userNamedBy = (row: { tenantId: string }, userId: string | null): (UserReference & { __typename: 'User' }) | null =>
  userId ? { __typename: 'User', id: userId, tenantId: row.tenantId } : null;
