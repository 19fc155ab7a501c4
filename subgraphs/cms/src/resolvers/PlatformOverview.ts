import type { PlatformOverviewResolvers } from '../generated/graphql.ts';
import { contentGrowth, platformOverview } from '../platform-overview.ts';
import { summariseAllTenants } from '../tenant-summary.ts';

export const PlatformOverview: PlatformOverviewResolvers = {
  __resolveReference: () => platformOverview(),
  cms: (_overview, _args, context) => summariseAllTenants(context.db),
  contentGrowth: (_overview, _args, context) => contentGrowth(context.db),
};
