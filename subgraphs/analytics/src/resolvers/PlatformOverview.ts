import type { PlatformOverviewResolvers } from '../generated/graphql.ts';
import { eventGrowth, platformAnalyticsSummary, platformId, topTenantsByEvents } from '../platform-overview.ts';

export const PlatformOverview: PlatformOverviewResolvers = {
  __resolveReference: () => ({ id: platformId }),
  analytics: (_overview, _args, context) => platformAnalyticsSummary(context),
  topTenantsByEvents: (_overview, _args, context) => topTenantsByEvents(context),
  eventGrowth: (_overview, _args, context) => eventGrowth(context),
};
