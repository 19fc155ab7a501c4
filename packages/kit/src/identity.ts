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
  /**
   * Scopes granted to machine clients and to scoped API keys (ingestion keys); empty for users and
   * other API keys: their role decides.
   */
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

/**
 * The closed catalogue of machine-client scopes, as they appear in access tokens (`scp`). A machine
 * client gets nothing its scopes do not name: queries need the subgraph's `read` scope, mutations
 * its `write` scope (see `definePermissions` in permissions.ts). `auth:read` reads users and the
 * tenant; there is no `auth:write` (machines never manage identities). `billing:write` unlocks
 * nothing yet: every billing write needs an ADMIN or SUPERADMIN, and machine clients are CLIENTs.
 */
export const machineScopes = [
  'auth:read',
  'crm:read',
  'crm:write',
  'cms:read',
  'cms:write',
  'billing:read',
  'billing:write',
  'analytics:read',
  'analytics:ingest',
] as const;
export type MachineScope = (typeof machineScopes)[number];

/** A scope's value in the GraphQL enum `MachineScope`: `crm:read` → `CRM_READ`. */
export type MachineScopeName = {
  [S in MachineScope]: S extends `${infer Service}:${infer Access}` ? Uppercase<`${Service}_${Access}`> : never;
}[MachineScope];

/** The API shows and takes enum names; tokens, rows and rules keep the `service:access` form. */
export const machineScopeName = (scope: MachineScope): MachineScopeName =>
  scope.toUpperCase().replace(':', '_') as MachineScopeName;

/** Every enum name of the catalogue, in its order (the GraphQL enum lists the same). */
export const machineScopeNames = machineScopes.map(machineScopeName);

const scopeByName = new Map<string, MachineScope>(machineScopes.map((scope) => [machineScopeName(scope), scope]));

/** `CRM_READ` → `crm:read`. GraphQL has already refused anything outside the enum. */
export function machineScopeFromName(name: MachineScopeName): MachineScope {
  const scope = scopeByName.get(name);
  if (!scope) throw new Error(`Unknown machine scope name ${name}`);
  return scope;
}

/** Token form of a stored or signed scope → its enum name; a scope outside the catalogue is a bug. */
export function machineScopeNameOf(scope: string): MachineScopeName {
  const known = machineScopes.find((candidate) => candidate === scope);
  if (!known) throw new Error(`Scope outside the catalogue: ${scope}`);
  return machineScopeName(known);
}
