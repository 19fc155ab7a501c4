import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  AcceptInvitationMutation,
  AcceptInvitationMutationVariables,
  LoginMutation,
  LoginMutationVariables,
  LogoutMutation,
  LogoutMutationVariables,
  RefreshSessionMutation,
  RefreshSessionMutationVariables,
  ResetPasswordMutation,
  ResetPasswordMutationVariables,
  SessionPayloadFragment,
  VerifyEmailMutation,
  VerifyEmailMutationVariables,
  VerifyMfaMutation,
  VerifyMfaMutationVariables,
} from '../generated/operations.ts';

/** What login and refresh both return: the tokens and the signed-in user. */
export const sessionPayloadFragment: TypedDocumentNode<SessionPayloadFragment> = gql /* GraphQL */`
  fragment SessionPayload on AuthPayload {
    accessToken
    refreshToken
    expiresAt
    user { id email role tenant { id slug } }
  }
`;

/** `email` also accepts the superadmin's username (`test`). With MFA: no tokens, an `mfaChallenge`. */
export const loginMutation: TypedDocumentNode<LoginMutation, LoginMutationVariables> = gql /* GraphQL */`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { ...SessionPayload mfaChallenge { token methods } }
  }
  ${sessionPayloadFragment}
`;

/** The second step of a challenged login: an authenticator or recovery code. */
export const verifyMfaMutation: TypedDocumentNode<VerifyMfaMutation, VerifyMfaMutationVariables> = gql /* GraphQL */`
  mutation VerifyMfa($challenge: String!, $code: String!) {
    verifyMfa(challenge: $challenge, code: $code) { ...SessionPayload }
  }
  ${sessionPayloadFragment}
`;

/** Rotates the refresh token: the one sent is spent, reusing it revokes the whole session. */
export const refreshSessionMutation: TypedDocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables> =
  gql /* GraphQL */`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) { ...SessionPayload }
  }
  ${sessionPayloadFragment}
`;

/** Revokes the caller's session (needs the bearer token). */
export const logoutMutation: TypedDocumentNode<LogoutMutation, LogoutMutationVariables> = gql /* GraphQL */`
  mutation Logout {
    logout
  }
`;

/** Sets the invited user's password and signs them in; `tenant` is the slug from the link. */
export const acceptInvitationMutation: TypedDocumentNode<AcceptInvitationMutation, AcceptInvitationMutationVariables> =
  gql /* GraphQL */`
  mutation AcceptInvitation($token: String!, $password: String!, $tenant: String) {
    acceptInvitation(token: $token, password: $password, tenant: $tenant) { ...SessionPayload }
  }
  ${sessionPayloadFragment}
`;

export const verifyEmailMutation: TypedDocumentNode<VerifyEmailMutation, VerifyEmailMutationVariables> =
  gql /* GraphQL */`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`;

export const resetPasswordMutation: TypedDocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables> =
  gql /* GraphQL */`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`;
