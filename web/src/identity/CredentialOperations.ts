import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ApiKeyRowFragment,
  ApiKeysQuery,
  ApiKeysQueryVariables,
  CreateApiKeyMutation,
  CreateApiKeyMutationVariables,
  CreateMachineClientMutation,
  CreateMachineClientMutationVariables,
  MachineClientRowFragment,
  MachineClientsQuery,
  MachineClientsQueryVariables,
  RevokeApiKeyMutation,
  RevokeApiKeyMutationVariables,
  RevokeMachineClientMutation,
  RevokeMachineClientMutationVariables,
} from '../generated/operations.ts';

export const apiKeyRowFragment: TypedDocumentNode<ApiKeyRowFragment> = gql /* GraphQL */`
  fragment ApiKeyRow on ApiKey {
    id name prefix role createdAt expiresAt lastUsedAt revokedAt
  }
`;
export type ApiKeyRow = ApiKeyRowFragment;

export const apiKeysQuery: TypedDocumentNode<ApiKeysQuery, ApiKeysQueryVariables> = gql /* GraphQL */`
  query ApiKeys($first: Int, $after: String) {
    apiKeys(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...ApiKeyRow } }
    }
  }
  ${apiKeyRowFragment}
`;

/** The answer is the only time the whole key (`secret`) is ever shown. */
export const createApiKeyMutation: TypedDocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables> =
  gql /* GraphQL */`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } }
  }
  ${apiKeyRowFragment}
`;

export const revokeApiKeyMutation: TypedDocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables> =
  gql /* GraphQL */`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { id revokedAt }
  }
`;

export const machineClientRowFragment: TypedDocumentNode<MachineClientRowFragment> = gql /* GraphQL */`
  fragment MachineClientRow on MachineClient {
    id clientId name scopes createdAt lastUsedAt revokedAt
  }
`;
export type MachineClientRow = MachineClientRowFragment;

export const machineClientsQuery: TypedDocumentNode<MachineClientsQuery, MachineClientsQueryVariables> =
  gql /* GraphQL */`
  query MachineClients($first: Int, $after: String) {
    machineClients(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...MachineClientRow } }
    }
  }
  ${machineClientRowFragment}
`;

/** The answer is the only time the client secret is ever shown. */
export const createMachineClientMutation: TypedDocumentNode<
  CreateMachineClientMutation,
  CreateMachineClientMutationVariables
> = gql /* GraphQL */`
  mutation CreateMachineClient($input: CreateMachineClientInput!) {
    createMachineClient(input: $input) { clientSecret machineClient { ...MachineClientRow } }
  }
  ${machineClientRowFragment}
`;

export const revokeMachineClientMutation: TypedDocumentNode<
  RevokeMachineClientMutation,
  RevokeMachineClientMutationVariables
> = gql /* GraphQL */`
  mutation RevokeMachineClient($id: ID!) {
    revokeMachineClient(id: $id) { id revokedAt }
  }
`;
