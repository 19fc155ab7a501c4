import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ArchiveContentItemMutation,
  ArchiveContentItemMutationVariables,
  ContentItemDetailQuery,
  ContentItemDetailQueryVariables,
  ContentItemsQuery,
  ContentItemsQueryVariables,
  CreateContentItemMutation,
  CreateContentItemMutationVariables,
  DeleteContentItemMutation,
  DeleteContentItemMutationVariables,
  PublishContentItemMutation,
  PublishContentItemMutationVariables,
  RestoreContentItemMutation,
  RestoreContentItemMutationVariables,
  RestoreContentItemRevisionMutation,
  RestoreContentItemRevisionMutationVariables,
  UnpublishContentItemMutation,
  UnpublishContentItemMutationVariables,
  UpdateContentItemMutation,
  UpdateContentItemMutationVariables,
} from '../generated/operations.ts';

/** A row of the items list; every item mutation answers with it so lists update from the cache. */
export const contentItemRowFragment = gql /* GraphQL */`
  fragment ContentItemRow on ContentItem {
    id
    title
    slug
    status
    version
    publishedAt
    updatedAt
    contentTypeId
    author { id }
  }
`;

export const contentItemsQuery: TypedDocumentNode<ContentItemsQuery, ContentItemsQueryVariables> = gql /* GraphQL */`
  query ContentItems($first: Int, $after: String, $filter: ContentItemFilter) {
    contentItems(first: $first, after: $after, filter: $filter, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...ContentItemRow contentType { id name } } }
    }
  }
  ${contentItemRowFragment}
`;

export const contentItemDetailQuery: TypedDocumentNode<ContentItemDetailQuery, ContentItemDetailQueryVariables> =
  gql /* GraphQL */`
  query ContentItemDetail($id: ID!) {
    contentItem(id: $id) {
      ...ContentItemRow
      data
      seo
      contentType { id name fields { name label type required options } }
      revisions(first: 50) { id version title slug status createdAt }
    }
  }
  ${contentItemRowFragment}
`;

export const createContentItemMutation: TypedDocumentNode<
  CreateContentItemMutation,
  CreateContentItemMutationVariables
> = gql /* GraphQL */`
  mutation CreateContentItem($input: CreateContentItemInput!) {
    createContentItem(input: $input) { ...ContentItemRow }
  }
  ${contentItemRowFragment}
`;

export const updateContentItemMutation: TypedDocumentNode<
  UpdateContentItemMutation,
  UpdateContentItemMutationVariables
> = gql /* GraphQL */`
  mutation UpdateContentItem($id: ID!, $input: UpdateContentItemInput!) {
    updateContentItem(id: $id, input: $input) { ...ContentItemRow data revisions(first: 50) { id version title slug status createdAt } }
  }
  ${contentItemRowFragment}
`;

export const publishContentItemMutation: TypedDocumentNode<
  PublishContentItemMutation,
  PublishContentItemMutationVariables
> = gql /* GraphQL */`
  mutation PublishContentItem($id: ID!) {
    publishContentItem(id: $id) { ...ContentItemRow }
  }
  ${contentItemRowFragment}
`;

export const unpublishContentItemMutation: TypedDocumentNode<
  UnpublishContentItemMutation,
  UnpublishContentItemMutationVariables
> = gql /* GraphQL */`
  mutation UnpublishContentItem($id: ID!) {
    unpublishContentItem(id: $id) { ...ContentItemRow }
  }
  ${contentItemRowFragment}
`;

export const archiveContentItemMutation: TypedDocumentNode<
  ArchiveContentItemMutation,
  ArchiveContentItemMutationVariables
> = gql /* GraphQL */`
  mutation ArchiveContentItem($id: ID!) {
    archiveContentItem(id: $id) { ...ContentItemRow }
  }
  ${contentItemRowFragment}
`;

export const restoreContentItemMutation: TypedDocumentNode<
  RestoreContentItemMutation,
  RestoreContentItemMutationVariables
> = gql /* GraphQL */`
  mutation RestoreContentItem($id: ID!) {
    restoreContentItem(id: $id) { ...ContentItemRow }
  }
  ${contentItemRowFragment}
`;

export const restoreContentItemRevisionMutation: TypedDocumentNode<
  RestoreContentItemRevisionMutation,
  RestoreContentItemRevisionMutationVariables
> = gql /* GraphQL */`
  mutation RestoreContentItemRevision($itemId: ID!, $revisionId: ID!) {
    restoreContentItemRevision(itemId: $itemId, revisionId: $revisionId) {
      ...ContentItemRow
      data
      revisions(first: 50) { id version title slug status createdAt }
    }
  }
  ${contentItemRowFragment}
`;

/** Deletes an item with its revisions (a CLIENT: its own only). */
export const deleteContentItemMutation: TypedDocumentNode<
  DeleteContentItemMutation,
  DeleteContentItemMutationVariables
> = gql /* GraphQL */`
  mutation DeleteContentItem($id: ID!) {
    deleteContentItem(id: $id)
  }
`;
