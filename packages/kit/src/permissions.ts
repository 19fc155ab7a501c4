import { allow, and, deny, or, rule } from 'graphql-shield';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from './context.ts';
import { apiError, ErrorCode } from './errors.ts';
import { canAccessTenant, type Identity, type MachineScope } from './identity.ts';
import { applyRuleTree, isRuleObject } from './permission-applier.ts';

/**
 * The shared permission rules (spec access matrix). Subgraphs build their permission maps from
 * these only; graphql-shield's rule constructors stay behind this module (their trees are applied
 * by permission-applier.ts), so they can be swapped without touching maps.
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
 * Whether scopes, not the role alone, bound what `identity` may do: machine clients always; API
 * keys created with scopes (an ingestion key: `analytics:ingest` only) too.
 */
const isScoped = (identity: Identity | null) =>
  identity !== null && (identity.kind === 'machine' || identity.scopes.length > 0);

/** Rules are cached by name: shield refuses two different rules of the same name. */
function scopeRule(name: string, grants: (scopes: readonly string[]) => boolean): PermissionRule {
  const existing = scopeRules.get(name);
  if (existing) return existing;
  const created = rule(name, { cache: 'contextual' })((_parent, _args, context: RequestContext) => {
    const identity = context.identity;
    // Users and unscoped API keys are governed by their role; anonymous callers by the rule beside this one.
    return !isScoped(identity) || grants(identity?.scopes ?? []);
  });
  scopeRules.set(name, created);
  return created;
}

/** Machine clients need every one of `scopes`; users and API keys are governed by their role. */
export const hasScopes = (scopes: readonly MachineScope[]) =>
  scopeRule(`hasScopes:${[...scopes].sort().join(',')}`, (held) => scopes.every((scope) => held.includes(scope)));

/** Machine clients need `scope`; users and API keys are governed by their role. */
export const hasScope = (scope: MachineScope) => hasScopes([scope]);

export { allow, and, deny, or };

/** A row of the caller's own tenant (the parent's `tenantId`); SUPERADMINs pass for every tenant's. */
export const ofCallersTenant = and(isAuthenticated, ownsParentTenant);
/** A row of the caller's tenant, for that tenant's ADMINs (SUPERADMINs: every tenant's); the audit log's entries. */
export const tenantAdminOfRow = and(isTenantAdmin, ownsParentTenant);

/**
 * `PageInfo` and each type's `<Name>Connection` and `<Name>Edge`, open: they are reached only through
 * a guarded root field, and their nodes carry their own rules.
 */
export const connectionTypes = (...names: string[]) =>
  Object.fromEntries([
    ['PageInfo', allow],
    ...names.flatMap((name) => [
      [`${name}Connection`, allow],
      [`${name}Edge`, allow],
    ]),
  ]) as Record<string, PermissionRule>;

/** The shared rules a permission table may name (see `grant`). */
const namedRules = {
  allow,
  isAuthenticated,
  isSuperadmin,
  isTenantAdmin,
  isTenantMember,
  ownsParentTenant,
  ofCallersTenant,
  tenantAdminOfRow,
};
export type SharedRuleName = keyof typeof namedRules;

/**
 * A permission table: for each shared rule, the names it opens (a type's fields, or whole types),
 * e.g. `Query: grant({ isTenantMember: ['customers', 'customer'], isTenantAdmin: ['crmAuditLog'] })`.
 * Every name is still listed by hand, so unlisted fields stay denied; a name listed under two rules
 * is a mistake and throws when the map is built.
 */
export function grant(table: Partial<Record<SharedRuleName, readonly string[]>>): Record<string, PermissionRule> {
  const granted: Record<string, PermissionRule> = {};
  for (const [ruleName, names] of Object.entries(table) as [SharedRuleName, readonly string[]][]) {
    for (const name of names) {
      if (name in granted) throw new Error(`Permission table grants ${name} twice`);
      granted[name] = namedRules[ruleName];
    }
  }
  return granted;
}

/** Any rule: the shared ones, allow/deny, or combinations with and/or. */
export type PermissionRule = Parameters<typeof and>[number];
/** Type name → a rule for the whole type, or field name → rule. */
export type PermissionRules = Record<string, PermissionRule | Record<string, PermissionRule>>;

/** One scope, or a list of which a machine client needs every one. */
export type ScopeNeed = MachineScope | readonly MachineScope[];

/** What a machine client needs in one subgraph, beside its role. */
export interface MachineScopePolicy {
  /** Every Query field, and (with `write`) every type. */
  read: ScopeNeed;
  /** Every Mutation field; null: machine clients write nothing here. */
  write: ScopeNeed | null;
  /** `Type` or `Type.field` → what it needs instead (e.g. `Mutation.ingestEvents`). */
  overrides?: Record<string, ScopeNeed>;
}

declare const scoped: unique symbol;
/** A permission map with its machine scopes applied: only `definePermissions` makes one. */
export type PermissionMap = PermissionRules & { readonly [scoped]: true };

/** For fields no scope opens to machine clients or scoped API keys (auth's writes). */
const refusesMachines = rule('refusesMachines', { cache: 'contextual' })(
  (_parent, _args, context: RequestContext) => !isScoped(context.identity),
);

const needRule = (need: ScopeNeed | null): PermissionRule =>
  need === null ? refusesMachines : hasScopes(typeof need === 'string' ? [need] : need);

/** Types need the read or the write scope: a write's answer is readable by the client that wrote. */
function typeNeed(policy: MachineScopePolicy): PermissionRule {
  return policy.write === null ? needRule(policy.read) : or(needRule(policy.read), needRule(policy.write));
}

function scopeFor(policy: MachineScopePolicy, typeName: string, fieldName?: string): PermissionRule {
  const override = (fieldName && policy.overrides?.[`${typeName}.${fieldName}`]) || policy.overrides?.[typeName];
  if (override) return needRule(override);
  if (typeName === 'Query') return needRule(policy.read);
  if (typeName === 'Mutation') return needRule(policy.write);
  return typeNeed(policy);
}

/** `allow` stays public (anonymous operations, parts reached only through a guarded parent). */
const andScope = (base: PermissionRule, scope: PermissionRule) => (base === allow ? base : and(base, scope));

/**
 * A subgraph's permission map with the machine scopes ANDed onto every listed rule: every Query
 * field needs `read`, every Mutation field `write`, every type `read` or `write`, unless
 * `overrides` says otherwise. Unlisted fields stay denied, so a new field is scoped as soon as it
 * is allowed at all.
 */
export function definePermissions(policy: MachineScopePolicy, rules: PermissionRules): PermissionMap {
  const entries = Object.entries(rules).map(([typeName, entry]) => {
    if (typeof entry === 'object' && entry !== null && !isRuleObject(entry)) {
      const fields = Object.entries(entry).map(([field, fieldRule]) => [
        field,
        andScope(fieldRule, scopeFor(policy, typeName, field)),
      ]);
      return [typeName, Object.fromEntries(fields)];
    }
    return [typeName, andScope(entry as PermissionRule, scopeFor(policy, typeName))];
  });
  return Object.fromEntries(entries) as PermissionMap;
}

/**
 * What the gateway needs from every subgraph, whoever asks: guarded by the gateway signature.
 * `_entities` exists only in subgraphs that declare entities.
 */
function federationRules(schema: GraphQLSchema) {
  const hasEntities = schema.getQueryType()?.getFields()._entities !== undefined;
  return { Query: { _service: allow, ...(hasEntities ? { _entities: allow } : {}) }, _Service: allow };
}

/**
 * Applies a subgraph's permission map (see permission-applier.ts: shield's rule vocabulary, applied
 * synchronously): anything not listed is denied; a denial is UNAUTHENTICATED for anonymous callers
 * and FORBIDDEN for others; errors raised by resolvers pass through as they are. Guards the fields
 * of `schema` itself (build it for this call).
 */
export function applyPermissions(schema: GraphQLSchema, map: PermissionMap): GraphQLSchema {
  const federation = federationRules(schema);
  const merged = { ...map, ...federation, Query: { ...(map.Query as object), ...federation.Query } };
  return applyRuleTree(schema, merged, (context) =>
    (context as unknown as RequestContext).identity ? forbidden() : unauthenticated(),
  );
}
