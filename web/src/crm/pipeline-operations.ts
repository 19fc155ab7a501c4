import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CreateLeadMutation,
  CreateLeadMutationVariables,
  LoseLeadMutation,
  LoseLeadMutationVariables,
  MoveLeadToStageMutation,
  MoveLeadToStageMutationVariables,
  PipelineBoardQuery,
  PipelineBoardQueryVariables,
  PipelinesQuery,
  PipelinesQueryVariables,
  WinLeadMutation,
  WinLeadMutationVariables,
} from '../generated/operations.ts';

/** What a kanban card shows; every lead mutation answers with it so the cache updates the board. */
export const leadCardFragment = gql /* GraphQL */`
  fragment LeadCard on Lead {
    id
    title
    value
    currency
    probability
    status
    lostReason
    expectedCloseDate
    stage { id }
    customer { id firstName lastName company }
  }
`;

/** A pipeline with its stages, as the board and the pipelines screen show it; pipeline mutations answer with it. */
export const pipelineSetupFragment = gql /* GraphQL */`
  fragment PipelineSetup on Pipeline {
    id
    name
    isDefault
    stages { id name position probability }
  }
`;

export const pipelinesQuery: TypedDocumentNode<PipelinesQuery, PipelinesQueryVariables> = gql /* GraphQL */`
  query Pipelines {
    pipelines(first: 100) {
      totalCount
      edges { node { ...PipelineSetup } }
    }
  }
  ${pipelineSetupFragment}
`;

/** The open leads of one pipeline (a board shows at most 100). */
export const pipelineBoardQuery: TypedDocumentNode<PipelineBoardQuery, PipelineBoardQueryVariables> = gql /* GraphQL */`
  query PipelineBoard($pipelineId: ID!) {
    leads(first: 100, filter: { pipelineId: $pipelineId, status: OPEN }, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      edges { node { ...LeadCard } }
    }
  }
  ${leadCardFragment}
`;

export const moveLeadToStageMutation: TypedDocumentNode<MoveLeadToStageMutation, MoveLeadToStageMutationVariables> =
  gql /* GraphQL */`
  mutation MoveLeadToStage($id: ID!, $stageId: ID!) {
    moveLeadToStage(id: $id, stageId: $stageId) { ...LeadCard }
  }
  ${leadCardFragment}
`;

export const winLeadMutation: TypedDocumentNode<WinLeadMutation, WinLeadMutationVariables> = gql /* GraphQL */`
  mutation WinLead($id: ID!) {
    winLead(id: $id) { ...LeadCard }
  }
  ${leadCardFragment}
`;

export const loseLeadMutation: TypedDocumentNode<LoseLeadMutation, LoseLeadMutationVariables> = gql /* GraphQL */`
  mutation LoseLead($id: ID!, $reason: String!) {
    loseLead(id: $id, reason: $reason) { ...LeadCard }
  }
  ${leadCardFragment}
`;

export const createLeadMutation: TypedDocumentNode<CreateLeadMutation, CreateLeadMutationVariables> = gql /* GraphQL */`
  mutation CreateLead($input: CreateLeadInput!) {
    createLead(input: $input) { ...LeadCard }
  }
  ${leadCardFragment}
`;
