import { referenceNamedBy } from '@codex/kit';
import type { LeadResolvers } from '../generated/graphql.ts';
import { loadById } from '../loaders.ts';
import { present } from '../present.ts';

export const Lead: LeadResolvers = {
  __resolveReference: (reference, context) => loadById(context.loaders.leadById, reference.id),
  pipeline: async (lead, _args, context) =>
    present(await context.loaders.pipelineById.load(lead.pipelineId), 'Pipeline'),
  stage: async (lead, _args, context) => present(await context.loaders.stageById.load(lead.stageId), 'Pipeline stage'),
  customer: (lead, _args, context) => (lead.customerId ? context.loaders.customerById.load(lead.customerId) : null),
  assignee: (lead) => referenceNamedBy('User', lead, lead.assigneeId),
  interactions: (lead, args, context) => context.loaders.interactionsOfLead(args.first).load(lead.id),
};
