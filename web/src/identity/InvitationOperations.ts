import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  InvitationRowFragment,
  InviteUserMutation,
  InviteUserMutationVariables,
  ResendInvitationMutation,
  ResendInvitationMutationVariables,
  RevokeInvitationMutation,
  RevokeInvitationMutationVariables,
  TenantInvitationsQuery,
  TenantInvitationsQueryVariables,
} from '../generated/operations.ts';

export const invitationRowFragment: TypedDocumentNode<InvitationRowFragment> = gql /* GraphQL */`
  fragment InvitationRow on Invitation {
    id email role status expiresAt acceptedAt revokedAt sentCount createdAt
  }
`;

export type InvitationRow = InvitationRowFragment;

export const tenantInvitationsQuery: TypedDocumentNode<TenantInvitationsQuery, TenantInvitationsQueryVariables> =
  gql /* GraphQL */`
  query TenantInvitations($first: Int, $after: String) {
    invitations(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...InvitationRow } }
    }
  }
  ${invitationRowFragment}
`;

export const inviteUserMutation: TypedDocumentNode<InviteUserMutation, InviteUserMutationVariables> = gql /* GraphQL */`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) { ...InvitationRow }
  }
  ${invitationRowFragment}
`;

export const resendInvitationMutation: TypedDocumentNode<ResendInvitationMutation, ResendInvitationMutationVariables> =
  gql /* GraphQL */`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) { ...InvitationRow }
  }
  ${invitationRowFragment}
`;

export const revokeInvitationMutation: TypedDocumentNode<RevokeInvitationMutation, RevokeInvitationMutationVariables> =
  gql /* GraphQL */`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) { ...InvitationRow }
  }
  ${invitationRowFragment}
`;
