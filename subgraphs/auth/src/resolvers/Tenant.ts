import { isUuid } from '@codex/kit';
import type { TenantResolvers } from '../generated/graphql.ts';

export const Tenant: TenantResolvers = {
  __resolveReference: (reference, context) => (isUuid(reference.id) ? context.loaders.tenantById.load(reference.id) : null),
  users: (tenant, _args, context) => context.loaders.usersSummary.load(tenant.id),
};
