import type { PipelineStageResolvers } from '../generated/graphql.ts';
import { loadById } from '../loaders.ts';
import { present } from '../present.ts';

export const PipelineStage: PipelineStageResolvers = {
  __resolveReference: (reference, context) => loadById(context.loaders.stageById, reference.id),
  pipeline: async (stage, _args, context) =>
    present(await context.loaders.pipelineById.load(stage.pipelineId), 'Pipeline'),
};
