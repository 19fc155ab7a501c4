import { applyMiddleware } from 'graphql-middleware';
import { allow, and, deny, or, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from './context.ts';
import { apiError, ErrorCode } from './errors.ts';
import { canAccessTenant } from './identity.ts';

/**
 * The shared permission rules (spec access matrix). Subgraphs build their permission maps from
 * these only; graphql-shield stays behind this module so it can be swapped without touching maps.
 */
export const unauthenticated = () => apiError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
export const forbidden = () => apiError(ErrorCode.FORBIDDEN, 'Not allowed');

export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, context: RequestContext) =>
  context.identity ? true : unauthenticated(),
);

export const isSuperadmin = rule({ cache: 'contextual' })(
  (_parent, _args, context: RequestContext) => context.identity?.role === 'SUPERADMIN',
);

/** ADMIN of a tenant (inside their tenant) or SUPERADMIN. */
export const isTenantAdmin = rule({ cache: 'contextual' })(
  (_parent, _args, context: RequestContext) =>
    context.identity?.role === 'ADMIN' || context.identity?.role === 'SUPERADMIN',
);

/** Anyone who belongs to a tenant (ADMIN or CLIENT), or SUPERADMIN. */
export const isTenantMember = rule({ cache: 'contextual' })(
  (_parent, _args, context: RequestContext) =>
    context.identity !== null && (context.identity.tenantId !== null || context.identity.role === 'SUPERADMIN'),
);

/**
 * The parent object belongs to the caller's tenant (its `tenantId`, or its `id` for a Tenant).
 * Not cached: shield's "strict" cache hashes the whole parent, and cannot hash Prisma Decimals;
 * the check itself is one comparison.
 */
export const ownsParentTenant = rule({ cache: 'no_cache' })(
  (parent: { id?: string; tenantId?: string }, _args, context: RequestContext) =>
    canAccessTenant(context.identity, parent.tenantId ?? parent.id),
);

const scopeRules = new Map<string, PermissionRule>();

/**
 * Machine clients need the scope; users and API keys are governed by their role. One rule per
 * scope, however often a map names it (shield refuses two rules of the same name).
 */
export function hasScope(scope: string) {
  const existing = scopeRules.get(scope);
  if (existing) return existing;
  const created = rule(`hasScope:${scope}`, { cache: 'contextual' })((_parent, _args, context: RequestContext) => {
    const identity = context.identity;
    if (!identity) return false;
    return identity.kind !== 'machine' || identity.scopes.includes(scope);
  });
  scopeRules.set(scope, created);
  return created;
}

export { allow, and, deny, or };
/** Any rule: the shared ones, allow/deny, or combinations with and/or. */
export type PermissionRule = Parameters<typeof and>[number];
/** Type name → a rule for the whole type, or field name → rule. */
export type PermissionMap = Record<string, PermissionRule | Record<string, PermissionRule>>;

/**
 * What the gateway needs from every subgraph, whoever asks: guarded by the gateway signature.
 * `_entities` exists only in subgraphs that declare entities.
 */
function federationRules(schema: GraphQLSchema) {
  const hasEntities = schema.getQueryType()?.getFields()._entities !== undefined;
  return { Query: { _service: allow, ...(hasEntities ? { _entities: allow } : {}) }, _Service: allow };
}

/**
 * Applies a subgraph's permission map: anything not listed is denied; a denial is UNAUTHENTICATED
 * for anonymous callers and FORBIDDEN for others; errors raised by resolvers pass through as they are.
 */
export function applyPermissions(schema: GraphQLSchema, map: PermissionMap): GraphQLSchema {
  const federation = federationRules(schema);
  const merged = { ...map, ...federation, Query: { ...(map.Query as object), ...federation.Query } } as IRules;
  return applyMiddleware(
    schema,
    shield(merged, {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: (_thrown, _parent, _args, context) =>
        (context as unknown as RequestContext).identity ? forbidden() : unauthenticated(),
    }),
  );
}
