import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ConfirmMfaEnrollmentMutation,
  ConfirmMfaEnrollmentMutationVariables,
  MyMfaQuery,
  MyMfaQueryVariables,
  RemoveMfaMutation,
  RemoveMfaMutationVariables,
  StartMfaEnrollmentMutation,
  StartMfaEnrollmentMutationVariables,
} from '../generated/operations.ts';
import { sessionPayloadFragment } from '../auth/AuthOperations.ts';

export const myMfaQuery: TypedDocumentNode<MyMfaQuery, MyMfaQueryVariables> = gql /* GraphQL */`
  query MyMfa {
    me { id mfaEnabled }
  }
`;

/** The caller's enrolment, or (with `challenge`) that of a login a tenant policy stopped for enrolment. */
export const startMfaEnrollmentMutation: TypedDocumentNode<
  StartMfaEnrollmentMutation,
  StartMfaEnrollmentMutationVariables
> = gql /* GraphQL */`
  mutation StartMfaEnrollment($challenge: String) {
    startMfaEnrollment(challenge: $challenge) { otpauthUri qrCodeSvg secret }
  }
`;

export const confirmMfaEnrollmentMutation: TypedDocumentNode<
  ConfirmMfaEnrollmentMutation,
  ConfirmMfaEnrollmentMutationVariables
> = gql /* GraphQL */`
  mutation ConfirmMfaEnrollment($code: String!, $challenge: String) {
    confirmMfaEnrollment(code: $code, challenge: $challenge) { recoveryCodes session { ...SessionPayload } }
  }
  ${sessionPayloadFragment}
`;

export const removeMfaMutation: TypedDocumentNode<RemoveMfaMutation, RemoveMfaMutationVariables> = gql /* GraphQL */`
  mutation RemoveMfa($password: String!, $code: String!) {
    removeMfa(password: $password, code: $code)
  }
`;
