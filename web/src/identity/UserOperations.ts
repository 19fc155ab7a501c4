import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CreateUserMutation,
  CreateUserMutationVariables,
  DeactivateUserMutation,
  DeactivateUserMutationVariables,
  ReactivateUserMutation,
  ReactivateUserMutationVariables,
  TenantUsersQuery,
  TenantUsersQueryVariables,
  UpdateUserRoleMutation,
  UpdateUserRoleMutationVariables,
  UserRowFragment,
} from '../generated/operations.ts';

export const userRowFragment: TypedDocumentNode<UserRowFragment> = gql /* GraphQL */`
  fragment UserRow on User {
    id email firstName lastName role active emailVerified lastLoginAt createdAt
  }
`;

export type UserRow = UserRowFragment;

export const tenantUsersQuery: TypedDocumentNode<TenantUsersQuery, TenantUsersQueryVariables> = gql /* GraphQL */`
  query TenantUsers($first: Int, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...UserRow } }
    }
  }
  ${userRowFragment}
`;

export const createUserMutation: TypedDocumentNode<CreateUserMutation, CreateUserMutationVariables> = gql /* GraphQL */`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { ...UserRow }
  }
  ${userRowFragment}
`;

export const updateUserRoleMutation: TypedDocumentNode<UpdateUserRoleMutation, UpdateUserRoleMutationVariables> =
  gql /* GraphQL */`
  mutation UpdateUserRole($id: ID!, $role: TenantRole!) {
    updateUserRole(id: $id, role: $role) { id role }
  }
`;

export const deactivateUserMutation: TypedDocumentNode<DeactivateUserMutation, DeactivateUserMutationVariables> =
  gql /* GraphQL */`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) { id active }
  }
`;

export const reactivateUserMutation: TypedDocumentNode<ReactivateUserMutation, ReactivateUserMutationVariables> =
  gql /* GraphQL */`
  mutation ReactivateUser($id: ID!) {
    reactivateUser(id: $id) { id active }
  }
`;
