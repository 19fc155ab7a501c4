import { useMutation } from '@apollo/client/react';
import type { PipelineSetupFragment } from '../generated/operations.ts';
import { appendToConnection, dropFromConnection } from '../ui/connection-cache.ts';
import { swapWithNeighbour } from '../ui/list-order.ts';
import { useToast } from '../ui/Toast.tsx';
import { useConfirmedDelete } from '../ui/use-confirmed-delete.tsx';
import { useFocusAfterChange } from '../ui/use-focus-after-change.ts';
import {
  addPipelineStageMutation,
  createPipelineMutation,
  deletePipelineMutation,
  removePipelineStageMutation,
  renamePipelineMutation,
  reorderPipelineStagesMutation,
  setDefaultPipelineMutation,
  updatePipelineStageMutation,
} from './pipeline-admin-operations.ts';
import type { StageInput } from './pipeline-form.ts';
import { pipelinesQuery } from './pipeline-operations.ts';

type Stage = PipelineSetupFragment['stages'][number];

/** The id of a stage's move button, so focus follows the stage to its new place. */
export const stageMoveId = (stageId: string, step: -1 | 1) => `stage-${stageId}-${step === -1 ? 'up' : 'down'}`;

const byPosition = (a: Stage, b: Stage) => a.position - b.position;
export const orderedStages = (pipeline: PipelineSetupFragment) => [...pipeline.stages].sort(byPosition);

/** Creating, renaming, reordering and deleting pipelines and stages (ADMIN); lists change at once. */
export function usePipelineSetup(pipelines: readonly PipelineSetupFragment[]) {
  const toast = useToast();
  const focusAfterMove = useFocusAfterChange(pipelines);
  const [create] = useMutation(createPipelineMutation);
  const [rename] = useMutation(renamePipelineMutation);
  const [makeDefault] = useMutation(setDefaultPipelineMutation, { refetchQueries: [pipelinesQuery] });
  const [deletePipeline] = useMutation(deletePipelineMutation);
  const [addStage] = useMutation(addPipelineStageMutation);
  const [updateStage] = useMutation(updatePipelineStageMutation);
  const [reorder] = useMutation(reorderPipelineStagesMutation);
  const [removeStage] = useMutation(removePipelineStageMutation);
  const failed = (error: Error) => toast(`Not saved: ${error.message}`, 'error');

  const pipelineDeletion = useConfirmedDelete<PipelineSetupFragment>({
    noun: 'pipeline',
    name: (pipeline) => pipeline.name,
    consequence: 'Its stages go with it. A pipeline that leads use, or the default one, cannot be deleted.',
    remove: (pipeline) =>
      deletePipeline({
        variables: { id: pipeline.id },
        optimisticResponse: { __typename: 'Mutation', deletePipeline: true },
        update: (cache) => dropFromConnection(cache, 'pipelines', pipeline),
      }),
  });
  const stageDeletion = useConfirmedDelete<{ pipeline: PipelineSetupFragment; stage: Stage }>({
    noun: 'stage',
    name: ({ stage }) => stage.name,
    consequence: 'Only a stage without leads can be removed, and a pipeline keeps at least one.',
    remove: ({ pipeline, stage }) =>
      removeStage({
        variables: { id: stage.id },
        optimisticResponse: {
          __typename: 'Mutation',
          removePipelineStage: { ...pipeline, stages: pipeline.stages.filter((each) => each.id !== stage.id) },
        },
      }),
  });

  const moveStage = (pipeline: PipelineSetupFragment, stage: Stage, step: -1 | 1) => {
    const stages = orderedStages(pipeline);
    const moved = swapWithNeighbour(stages, stages.indexOf(stage), step);
    if (!moved) return;
    focusAfterMove(stageMoveId(stage.id, step));
    void reorder({
      variables: { pipelineId: pipeline.id, stageIds: moved.map((each) => each.id) },
      optimisticResponse: {
        __typename: 'Mutation',
        reorderPipelineStages: { ...pipeline, stages: moved.map((each, position) => ({ ...each, position })) },
      },
    }).then(() => toast(`${stage.name} moved`), failed);
  };

  return {
    create: (values: { name: string; stages: string[] }) =>
      create({
        variables: { input: { name: values.name, stages: values.stages.map((name) => ({ name })) } },
        update: (cache, { data }) => {
          if (data) appendToConnection(cache, 'pipelines', data.createPipeline, 'PipelineEdge');
        },
      }).then(() => toast(`Pipeline ${values.name} created`)),
    rename: (pipeline: PipelineSetupFragment, name: string) =>
      rename({ variables: { id: pipeline.id, input: { name } } }).then(() => toast(`Pipeline renamed to ${name}`)),
    makeDefault: (pipeline: PipelineSetupFragment) =>
      void makeDefault({ variables: { id: pipeline.id } }).then(
        () => toast(`${pipeline.name} is now the default pipeline`),
        failed,
      ),
    addStage: (pipeline: PipelineSetupFragment, input: StageInput) =>
      addStage({ variables: { pipelineId: pipeline.id, input } }).then(() => toast(`Stage ${input.name} added`)),
    updateStage: (stage: Stage, input: StageInput) =>
      updateStage({ variables: { id: stage.id, input } }).then(() => toast(`Stage ${input.name} saved`)),
    moveStage,
    askDeletePipeline: pipelineDeletion.ask,
    askRemoveStage: (pipeline: PipelineSetupFragment, stage: Stage) => stageDeletion.ask({ pipeline, stage }),
    feedback: (
      <>
        {pipelineDeletion.feedback}
        {stageDeletion.feedback}
      </>
    ),
  };
}
