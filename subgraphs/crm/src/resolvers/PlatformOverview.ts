import type { PlatformOverviewResolvers } from '../generated/graphql.ts';
import { customerGrowth, platformCrmSummary } from '../platform-overview.ts';
import { selectsField } from '../selected-fields.ts';

export const PlatformOverview: PlatformOverviewResolvers = {
  // The id is always "platform": nothing to look up.
  __resolveReference: (reference) => reference,
  crm: (_overview, _args, context, info) =>
    platformCrmSummary(context.db, context.dataScope, selectsField(info, 'leadsByStage')),
  customerGrowth: (_overview, _args, context) => customerGrowth(context.db, context.dataScope),
};
