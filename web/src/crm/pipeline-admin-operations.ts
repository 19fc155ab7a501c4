import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  AddPipelineStageMutation,
  AddPipelineStageMutationVariables,
  CreatePipelineMutation,
  CreatePipelineMutationVariables,
  DeletePipelineMutation,
  DeletePipelineMutationVariables,
  RemovePipelineStageMutation,
  RemovePipelineStageMutationVariables,
  ReorderPipelineStagesMutation,
  ReorderPipelineStagesMutationVariables,
  SetDefaultPipelineMutation,
  SetDefaultPipelineMutationVariables,
  UpdatePipelineMutation,
  UpdatePipelineMutationVariables,
  UpdatePipelineStageMutation,
  UpdatePipelineStageMutationVariables,
} from '../generated/operations.ts';
import { pipelineSetupFragment } from './pipeline-operations.ts';

export const createPipelineMutation: TypedDocumentNode<CreatePipelineMutation, CreatePipelineMutationVariables> =
  gql /* GraphQL */`
  mutation CreatePipeline($input: CreatePipelineInput!) {
    createPipeline(input: $input) { ...PipelineSetup }
  }
  ${pipelineSetupFragment}
`;

export const renamePipelineMutation: TypedDocumentNode<UpdatePipelineMutation, UpdatePipelineMutationVariables> =
  gql /* GraphQL */`
  mutation UpdatePipeline($id: ID!, $input: UpdatePipelineInput!) {
    updatePipeline(id: $id, input: $input) { ...PipelineSetup }
  }
  ${pipelineSetupFragment}
`;

/** The previous default changes too: the pipelines list is fetched again. */
export const setDefaultPipelineMutation: TypedDocumentNode<
  SetDefaultPipelineMutation,
  SetDefaultPipelineMutationVariables
> = gql /* GraphQL */`
  mutation SetDefaultPipeline($id: ID!) {
    setDefaultPipeline(id: $id) { ...PipelineSetup }
  }
  ${pipelineSetupFragment}
`;

/** Refused (CONFLICT) while leads use it, and for the default while the tenant has others. */
export const deletePipelineMutation: TypedDocumentNode<DeletePipelineMutation, DeletePipelineMutationVariables> =
  gql /* GraphQL */`
  mutation DeletePipeline($id: ID!) {
    deletePipeline(id: $id)
  }
`;

export const addPipelineStageMutation: TypedDocumentNode<AddPipelineStageMutation, AddPipelineStageMutationVariables> =
  gql /* GraphQL */`
  mutation AddPipelineStage($pipelineId: ID!, $input: AddPipelineStageInput!) {
    addPipelineStage(pipelineId: $pipelineId, input: $input) { ...PipelineSetup }
  }
  ${pipelineSetupFragment}
`;

export const updatePipelineStageMutation: TypedDocumentNode<
  UpdatePipelineStageMutation,
  UpdatePipelineStageMutationVariables
> = gql /* GraphQL */`
  mutation UpdatePipelineStage($id: ID!, $input: UpdatePipelineStageInput!) {
    updatePipelineStage(id: $id, input: $input) { id name position probability }
  }
`;

export const reorderPipelineStagesMutation: TypedDocumentNode<
  ReorderPipelineStagesMutation,
  ReorderPipelineStagesMutationVariables
> = gql /* GraphQL */`
  mutation ReorderPipelineStages($pipelineId: ID!, $stageIds: [ID!]!) {
    reorderPipelineStages(pipelineId: $pipelineId, stageIds: $stageIds) { ...PipelineSetup }
  }
  ${pipelineSetupFragment}
`;

/** Refused (CONFLICT) while leads are in the stage, and for a pipeline's last stage. */
export const removePipelineStageMutation: TypedDocumentNode<
  RemovePipelineStageMutation,
  RemovePipelineStageMutationVariables
> = gql /* GraphQL */`
  mutation RemovePipelineStage($id: ID!) {
    removePipelineStage(id: $id) { ...PipelineSetup }
  }
  ${pipelineSetupFragment}
`;
