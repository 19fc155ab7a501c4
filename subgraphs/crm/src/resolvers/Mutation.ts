import { withId, withIdAndInput, withInput } from '@codex/kit';
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
  createCustomer: withInput(createCustomer),
  updateCustomer: withIdAndInput(updateCustomer),
  deleteCustomer: withId(deleteCustomer),
  createPipeline: withInput(createPipeline),
  updatePipeline: withIdAndInput(updatePipeline),
  setDefaultPipeline: withId(setDefaultPipeline),
  deletePipeline: withId(deletePipeline),
  addPipelineStage: (_root, args, context) => addPipelineStage(context, args.pipelineId, args.input),
  updatePipelineStage: withIdAndInput(updatePipelineStage),
  reorderPipelineStages: (_root, args, context) => reorderPipelineStages(context, args.pipelineId, args.stageIds),
  removePipelineStage: withId(removePipelineStage),
  createLead: withInput(createLead),
  updateLead: withIdAndInput(updateLead),
  moveLeadToStage: (_root, args, context) => moveLeadToStage(context, args.id, args.stageId, args.probability),
  winLead: withId(winLead),
  loseLead: (_root, args, context) => loseLead(context, args.id, args.reason),
  reopenLead: withId(reopenLead),
  deleteLead: withId(deleteLead),
  logInteraction: withInput(logInteraction),
  scheduleInteraction: withInput(scheduleInteraction),
  updateInteraction: withIdAndInput(updateInteraction),
  completeInteraction: withId(completeInteraction),
  deleteInteraction: withId(deleteInteraction),
};
