import type { CrmContext } from '../context.ts';

export const Tenant = {
  crm: (tenant: { id: string }, _args: unknown, context: CrmContext) => context.loaders.tenantSummary.load(tenant.id),
};
