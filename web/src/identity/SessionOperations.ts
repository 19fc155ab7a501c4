import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  RevokeSessionMutation,
  RevokeSessionMutationVariables,
  SessionUserChoicesQuery,
  SessionUserChoicesQueryVariables,
  SessionsQuery,
  SessionsQueryVariables,
} from '../generated/operations.ts';

export const sessionsQuery: TypedDocumentNode<SessionsQuery, SessionsQueryVariables> = gql /* GraphQL */`
  query Sessions($userId: ID) {
    sessions(userId: $userId) { id userId current lastRefreshedAt expiresAt ip userAgent }
  }
`;

/** The users whose sessions an ADMIN may look at. */
export const sessionUserChoicesQuery: TypedDocumentNode<SessionUserChoicesQuery, SessionUserChoicesQueryVariables> =
  gql /* GraphQL */`
  query SessionUserChoices {
    users(first: 100) { edges { node { id email } } }
  }
`;

export const revokeSessionMutation: TypedDocumentNode<RevokeSessionMutation, RevokeSessionMutationVariables> =
  gql /* GraphQL */`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;
