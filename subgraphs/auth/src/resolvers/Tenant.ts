import { canAccessTenant, isUuid } from '@codex/kit';
import type { TenantResolvers } from '../generated/graphql.ts';

export const Tenant: TenantResolvers = {
  // Shield does not guard reference resolution: scope it here (the loader's database is scoped too).
  __resolveReference: (reference, context) =>
    isUuid(reference.id) && canAccessTenant(context.identity, reference.id)
      ? context.loaders.tenantById.load(reference.id)
      : null,
  users: (tenant, _args, context) => context.loaders.usersSummary.load(tenant.id),
};
