import { withId, withIdAndInput, withInput } from '@codex/kit';
import { createDashboardShareToken, revokeDashboardShareToken } from '../dashboard-sharing.ts';
import { createDashboard, deleteDashboard, updateDashboard } from '../dashboards.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import { setIngestionOrigins } from '../ingest/origins.ts';
import { ingestEvents } from '../ingestion.ts';

export const Mutation: MutationResolvers = {
  ingestEvents: (_root, args, context) => ingestEvents(context, args.events, { enrich: context.enrich }),
  backfillEvents: (_root, args, context) =>
    ingestEvents(context, args.events, { backfill: true, enrich: context.enrich }),
  setIngestionOrigins: (_root, args, context) => setIngestionOrigins(context, args.origins, args.tenantId),
  createDashboard: withInput(createDashboard),
  updateDashboard: withIdAndInput(updateDashboard),
  deleteDashboard: withId(deleteDashboard),
  createDashboardShareToken: withId(createDashboardShareToken),
  revokeDashboardShareToken: withId(revokeDashboardShareToken),
};
