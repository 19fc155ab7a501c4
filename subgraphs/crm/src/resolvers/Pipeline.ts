import type { PipelineResolvers } from '../generated/graphql.ts';
import { loadById } from '../loaders.ts';

export const Pipeline: PipelineResolvers = {
  __resolveReference: (reference, context) => loadById(context.loaders.pipelineById, reference.id),
  stages: (pipeline, _args, context) => context.loaders.stagesOfPipeline.load(pipeline.id),
};
