import { listAuditLog } from '@codex/kit';
import { listCustomers } from '../customers.ts';
import type { QueryResolvers } from '../generated/graphql.ts';
import { listInteractions } from '../interactions.ts';
import { listLeads } from '../leads.ts';
import { loadById } from '../loaders.ts';
import { listPipelines } from '../pipelines.ts';

export const Query: QueryResolvers = {
  customers: (_root, args, context) => listCustomers(context, args),
  customer: (_root, args, context) => loadById(context.loaders.customerById, args.id),
  leads: (_root, args, context) => listLeads(context, args),
  lead: (_root, args, context) => loadById(context.loaders.leadById, args.id),
  pipelines: (_root, args, context) => listPipelines(context, args),
  pipeline: (_root, args, context) => loadById(context.loaders.pipelineById, args.id),
  pipelineStage: (_root, args, context) => loadById(context.loaders.stageById, args.id),
  interactions: (_root, args, context) => listInteractions(context, args),
  interaction: (_root, args, context) => loadById(context.loaders.interactionById, args.id),
  crmAuditLog: (_root, args, context) => listAuditLog(context, args),
};
