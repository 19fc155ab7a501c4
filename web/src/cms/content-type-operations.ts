import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ContentTypesQuery,
  ContentTypesQueryVariables,
  CreateContentTypeMutation,
  CreateContentTypeMutationVariables,
  DeleteContentTypeMutation,
  DeleteContentTypeMutationVariables,
  UpdateContentTypeMutation,
  UpdateContentTypeMutationVariables,
} from '../generated/operations.ts';

export const contentTypeFieldsFragment = gql /* GraphQL */`
  fragment ContentTypeFields on ContentType {
    id
    slug
    name
    description
    updatedAt
    fields { name label type required description options min max maxLength referenceTypeId }
  }
`;

export const contentTypesQuery: TypedDocumentNode<ContentTypesQuery, ContentTypesQueryVariables> = gql /* GraphQL */`
  query ContentTypes {
    contentTypes(first: 100, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges { node { ...ContentTypeFields } }
    }
  }
  ${contentTypeFieldsFragment}
`;

export const createContentTypeMutation: TypedDocumentNode<
  CreateContentTypeMutation,
  CreateContentTypeMutationVariables
> = gql /* GraphQL */`
  mutation CreateContentType($input: CreateContentTypeInput!) {
    createContentType(input: $input) { ...ContentTypeFields }
  }
  ${contentTypeFieldsFragment}
`;

export const updateContentTypeMutation: TypedDocumentNode<
  UpdateContentTypeMutation,
  UpdateContentTypeMutationVariables
> = gql /* GraphQL */`
  mutation UpdateContentType($id: ID!, $input: UpdateContentTypeInput!) {
    updateContentType(id: $id, input: $input) { ...ContentTypeFields }
  }
  ${contentTypeFieldsFragment}
`;

/** Refused with CONFLICT while the type has items. */
export const deleteContentTypeMutation: TypedDocumentNode<
  DeleteContentTypeMutation,
  DeleteContentTypeMutationVariables
> = gql /* GraphQL */`
  mutation DeleteContentType($id: ID!) {
    deleteContentType(id: $id)
  }
`;
