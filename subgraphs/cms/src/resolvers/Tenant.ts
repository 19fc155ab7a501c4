import type { TenantResolvers } from '../generated/graphql.ts';

export const Tenant: TenantResolvers = {
  cms: (tenant, _args, context) => context.loaders.tenantSummary.load(tenant.id),
};
