/**
 * A reference to Auth's User, resolved by the gateway from Auth. It carries the tenant of the row
 * it came from, so the `User` permission rule (ownsParentTenant) can tell a reference reached
 * through a row of the caller's tenant from one forged through `_entities`.
 */
export interface UserReference {
  __typename: 'User';
  id: string;
  tenantId: string;
}

export const userReference = (id: string | null, tenantId: string): UserReference | null => (id ? { __typename: 'User', id, tenantId } : null);
