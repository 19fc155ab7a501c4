/** Roles of the access matrix (spec "Roles"). */
export const roles = ['SUPERADMIN', 'ADMIN', 'CLIENT'] as const;
export type Role = (typeof roles)[number];

/**
 * Who is calling, as the gateway established it from a credential and forwarded it, signed, to
 * every subgraph. Resolvers and rules read only this, never headers.
 */
export interface Identity {
  /** What kind of credential proved it. */
  kind: 'user' | 'apiKey' | 'machine';
  /** The user, API key or machine client id. */
  subjectId: string;
  /** The tenant the identity belongs to; null only for SUPERADMIN. */
  tenantId: string | null;
  role: Role;
  /** Scopes granted to machine clients (empty for users and API keys: their role decides). */
  scopes: string[];
  /** The login session behind a user token (revocable); null for keys and machine clients. */
  sessionId: string | null;
}

/**
 * Whether `identity` may see data of `tenantId`: SUPERADMIN everywhere, everyone else only in
 * their own tenant. The one place this comparison is written.
 */
export const canAccessTenant = (identity: Identity | null, tenantId: string | null | undefined): boolean =>
  identity !== null && (identity.role === 'SUPERADMIN' || (tenantId != null && identity.tenantId === tenantId));
