import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CreatePageMutation,
  CreatePageMutationVariables,
  DeletePageMutation,
  DeletePageMutationVariables,
  MovePageMutation,
  MovePageMutationVariables,
  PagesTreeQuery,
  PagesTreeQueryVariables,
  UpdatePageStatusMutation,
  UpdatePageStatusMutationVariables,
} from '../generated/operations.ts';

export const pageNodeFragment = gql /* GraphQL */`
  fragment PageNode on Page {
    id
    parentId
    title
    slug
    template
    status
    sortOrder
    updatedAt
  }
`;

/** Every page of the tenant in sibling order (at most 100); the tree is built in the browser. */
export const pagesTreeQuery: TypedDocumentNode<PagesTreeQuery, PagesTreeQueryVariables> = gql /* GraphQL */`
  query PagesTree {
    pages(first: 100, orderBy: { field: SORT_ORDER, direction: ASC }) {
      totalCount
      edges { node { ...PageNode } }
    }
  }
  ${pageNodeFragment}
`;

export const createPageMutation: TypedDocumentNode<CreatePageMutation, CreatePageMutationVariables> = gql /* GraphQL */`
  mutation CreatePage($input: CreatePageInput!) {
    createPage(input: $input) { ...PageNode }
  }
  ${pageNodeFragment}
`;

export const updatePageStatusMutation: TypedDocumentNode<UpdatePageStatusMutation, UpdatePageStatusMutationVariables> =
  gql /* GraphQL */`
  mutation UpdatePageStatus($id: ID!, $status: ContentStatus!) {
    updatePage(id: $id, input: { status: $status }) { ...PageNode }
  }
  ${pageNodeFragment}
`;

/** Puts a page under `parentId` (null: top level) at `sortOrder` among its siblings. */
export const movePageMutation: TypedDocumentNode<MovePageMutation, MovePageMutationVariables> = gql /* GraphQL */`
  mutation MovePage($id: ID!, $parentId: ID, $sortOrder: Int) {
    movePage(id: $id, parentId: $parentId, sortOrder: $sortOrder) { ...PageNode }
  }
  ${pageNodeFragment}
`;

/** Refused with CONFLICT while the page has children. */
export const deletePageMutation: TypedDocumentNode<DeletePageMutation, DeletePageMutationVariables> = gql /* GraphQL */`
  mutation DeletePage($id: ID!) {
    deletePage(id: $id)
  }
`;
