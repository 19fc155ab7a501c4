import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DeleteMediaMutation,
  DeleteMediaMutationVariables,
  MediaFileContentQuery,
  MediaFileContentQueryVariables,
  MediaFilesQuery,
  MediaFilesQueryVariables,
  UploadMediaMutation,
  UploadMediaMutationVariables,
} from '../generated/operations.ts';

export const mediaFileRowFragment = gql /* GraphQL */`
  fragment MediaFileRow on MediaFile {
    id
    name
    mimeType
    size
    altText
    caption
    width
    height
    createdAt
    uploadedBy { id }
  }
`;

export const mediaFilesQuery: TypedDocumentNode<MediaFilesQuery, MediaFilesQueryVariables> = gql /* GraphQL */`
  query MediaFiles($after: String, $filter: MediaFileFilter) {
    mediaFiles(first: 50, after: $after, filter: $filter, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...MediaFileRow } }
    }
  }
  ${mediaFileRowFragment}
`;

/** The bytes of one file, for its preview (the API asks for them one file at a time). */
export const mediaFileContentQuery: TypedDocumentNode<MediaFileContentQuery, MediaFileContentQueryVariables> =
  gql /* GraphQL */`
  query MediaFileContent($id: ID!) {
    mediaFile(id: $id) { id mimeType contentBase64 }
  }
`;

export const uploadMediaMutation: TypedDocumentNode<UploadMediaMutation, UploadMediaMutationVariables> =
  gql /* GraphQL */`
  mutation UploadMedia($input: UploadMediaInput!) {
    uploadMedia(input: $input) { ...MediaFileRow }
  }
  ${mediaFileRowFragment}
`;

/** Deletes a file's metadata, then its bytes (a CLIENT: its own uploads only). */
export const deleteMediaMutation: TypedDocumentNode<DeleteMediaMutation, DeleteMediaMutationVariables> =
  gql /* GraphQL */`
  mutation DeleteMedia($id: ID!) {
    deleteMedia(id: $id)
  }
`;
