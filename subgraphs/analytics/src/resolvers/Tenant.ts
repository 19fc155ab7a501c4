import type { AnalyticsContext } from '../context.ts';

export const Tenant = {
  analytics: (tenant: { id: string }, _args: unknown, context: AnalyticsContext) => context.loaders.tenantSummary.load(tenant.id),
};
