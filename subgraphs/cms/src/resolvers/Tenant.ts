import type { CmsContext } from '../context.ts';

export const Tenant = {
  cms: (tenant: { id: string }, _args: unknown, context: CmsContext) => context.loaders.tenantSummary.load(tenant.id),
};
