import { createDashboard, deleteDashboard, updateDashboard } from '../dashboards.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import { ingestEvents } from '../ingestion.ts';

export const Mutation: MutationResolvers = {
  ingestEvents: (_root, args, context) => ingestEvents(context, args.events),
  createDashboard: (_root, args, context) => createDashboard(context, args.input),
  updateDashboard: (_root, args, context) => updateDashboard(context, args.id, args.input),
  deleteDashboard: (_root, args, context) => deleteDashboard(context, args.id),
};
