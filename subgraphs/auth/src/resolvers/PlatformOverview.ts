import type { PlatformOverviewResolvers } from '../generated/graphql.ts';
import { platformUsers, tenantGrowth, tenantsByStatus, userGrowth } from '../platform-overview.ts';

export const PlatformOverview: PlatformOverviewResolvers = {
  __resolveReference: (reference) => reference,
  users: (_overview, _args, context) => platformUsers(context.db),
  tenantsByStatus: (_overview, _args, context) => tenantsByStatus(context.db),
  tenantGrowth: (_overview, _args, context) => tenantGrowth(context.db, context.dataScope),
  userGrowth: (_overview, _args, context) => userGrowth(context.db, context.dataScope),
};
