import type { PlatformOverviewResolvers } from '../generated/graphql.ts';
import { platformBillingSummary, subscriptionGrowth, topTenantsByMrr } from '../platform-overview.ts';
import { revenueGrowth } from '../revenue-growth.ts';

/** SUPERADMIN only (permissions): the request's scope shows every tenant's rows. */
export const PlatformOverview: PlatformOverviewResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  billing: (_overview, _args, context) => platformBillingSummary(context),
  topTenantsByMrr: (_overview, _args, context) => topTenantsByMrr(context),
  subscriptionGrowth: (_overview, _args, context) => subscriptionGrowth(context),
  revenueGrowth: (_overview, _args, context) => revenueGrowth(context),
};
