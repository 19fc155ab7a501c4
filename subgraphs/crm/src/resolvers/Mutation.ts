import { createCustomer, deleteCustomer, updateCustomer } from '../customers.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import {
  completeInteraction,
  deleteInteraction,
  logInteraction,
  scheduleInteraction,
  updateInteraction,
} from '../interactions.ts';
import { loseLead, moveLeadToStage, reopenLead, winLead } from '../lead-status.ts';
import { createLead, deleteLead, updateLead } from '../leads.ts';
import {
  addPipelineStage,
  removePipelineStage,
  reorderPipelineStages,
  updatePipelineStage,
} from '../pipeline-stages.ts';
import { createPipeline, deletePipeline, setDefaultPipeline, updatePipeline } from '../pipelines.ts';

export const Mutation: MutationResolvers = {
  createCustomer: (_root, args, context) => createCustomer(context, args.input),
  updateCustomer: (_root, args, context) => updateCustomer(context, args.id, args.input),
  deleteCustomer: (_root, args, context) => deleteCustomer(context, args.id),
  createPipeline: (_root, args, context) => createPipeline(context, args.input),
  updatePipeline: (_root, args, context) => updatePipeline(context, args.id, args.input),
  setDefaultPipeline: (_root, args, context) => setDefaultPipeline(context, args.id),
  deletePipeline: (_root, args, context) => deletePipeline(context, args.id),
  addPipelineStage: (_root, args, context) => addPipelineStage(context, args.pipelineId, args.input),
  updatePipelineStage: (_root, args, context) => updatePipelineStage(context, args.id, args.input),
  reorderPipelineStages: (_root, args, context) => reorderPipelineStages(context, args.pipelineId, args.stageIds),
  removePipelineStage: (_root, args, context) => removePipelineStage(context, args.id),
  createLead: (_root, args, context) => createLead(context, args.input),
  updateLead: (_root, args, context) => updateLead(context, args.id, args.input),
  moveLeadToStage: (_root, args, context) => moveLeadToStage(context, args.id, args.stageId, args.probability),
  winLead: (_root, args, context) => winLead(context, args.id),
  loseLead: (_root, args, context) => loseLead(context, args.id, args.reason),
  reopenLead: (_root, args, context) => reopenLead(context, args.id),
  deleteLead: (_root, args, context) => deleteLead(context, args.id),
  logInteraction: (_root, args, context) => logInteraction(context, args.input),
  scheduleInteraction: (_root, args, context) => scheduleInteraction(context, args.input),
  updateInteraction: (_root, args, context) => updateInteraction(context, args.id, args.input),
  completeInteraction: (_root, args, context) => completeInteraction(context, args.id),
  deleteInteraction: (_root, args, context) => deleteInteraction(context, args.id),
};
