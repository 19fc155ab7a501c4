import type { BillingContext } from '../context.ts';

export const Tenant = {
  billing: (tenant: { id: string }, _args: unknown, context: BillingContext) => context.loaders.tenantSummary.load(tenant.id),
};
