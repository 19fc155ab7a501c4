import type { PlatformOverviewResolvers } from '../generated/graphql.ts';

export const PlatformOverview: PlatformOverviewResolvers = {
  __resolveReference: (reference) => reference,
  users: (_overview, _args, context) => context.loaders.overviewPart('users'),
  tenantsByStatus: (_overview, _args, context) => context.loaders.overviewPart('tenantsByStatus'),
  tenantGrowth: (_overview, _args, context) => context.loaders.overviewPart('tenantGrowth'),
  userGrowth: (_overview, _args, context) => context.loaders.overviewPart('userGrowth'),
};
