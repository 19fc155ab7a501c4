import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CreateCustomerMutation,
  CreateCustomerMutationVariables,
  CustomerDetailQuery,
  CustomerDetailQueryVariables,
  CustomersListQuery,
  CustomersListQueryVariables,
  DeleteCustomerMutation,
  DeleteCustomerMutationVariables,
  LogInteractionMutation,
  LogInteractionMutationVariables,
  UpdateCustomerMutation,
  UpdateCustomerMutationVariables,
} from '../generated/operations.ts';

/** The columns of the customers table, also what a create or an edit answers with. */
export const customerRowFragment = gql /* GraphQL */`
  fragment CustomerRow on Customer {
    id
    email
    firstName
    lastName
    company
    phone
    status
    source
    tags
    createdById
    createdAt
    updatedAt
  }
`;

export const timelineInteractionFragment = gql /* GraphQL */`
  fragment TimelineInteraction on Interaction {
    id
    type
    subject
    body
    scheduledAt
    completedAt
    createdAt
  }
`;

/** One page of the tenant's customers: full-text `search`, or filtered and sorted. */
export const customersListQuery: TypedDocumentNode<CustomersListQuery, CustomersListQueryVariables> = gql /* GraphQL */`
  query CustomersList(
    $first: Int
    $after: String
    $search: String
    $filter: CustomerFilter
    $orderBy: CustomerOrder
  ) {
    customers(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...CustomerRow } }
    }
  }
  ${customerRowFragment}
`;

/**
 * A customer with its leads, interactions, subscriptions (Billing) and recent events (Analytics):
 * one query planned across three subgraphs.
 */
export const customerDetailQuery: TypedDocumentNode<CustomerDetailQuery, CustomerDetailQueryVariables> =
  gql /* GraphQL */`
  query CustomerDetail($id: ID!) {
    customer(id: $id) {
      ...CustomerRow
      leads(first: 50) { id title value currency status probability stage { id name } }
      interactions(first: 100) { ...TimelineInteraction }
      subscriptions { id status quantity currentPeriodEnd cancelAtPeriodEnd plan { id name amount currency interval } }
      recentEvents(first: 10) { id name occurredAt pageUrl }
    }
  }
  ${customerRowFragment}
  ${timelineInteractionFragment}
`;

export const createCustomerMutation: TypedDocumentNode<CreateCustomerMutation, CreateCustomerMutationVariables> =
  gql /* GraphQL */`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) { ...CustomerRow }
  }
  ${customerRowFragment}
`;

export const updateCustomerMutation: TypedDocumentNode<UpdateCustomerMutation, UpdateCustomerMutationVariables> =
  gql /* GraphQL */`
  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {
    updateCustomer(id: $id, input: $input) { ...CustomerRow }
  }
  ${customerRowFragment}
`;

export const deleteCustomerMutation: TypedDocumentNode<DeleteCustomerMutation, DeleteCustomerMutationVariables> =
  gql /* GraphQL */`
  mutation DeleteCustomer($id: ID!) {
    deleteCustomer(id: $id)
  }
`;

/** Records an interaction that took place now, with the customer. */
export const logInteractionMutation: TypedDocumentNode<LogInteractionMutation, LogInteractionMutationVariables> =
  gql /* GraphQL */`
  mutation LogInteraction($input: LogInteractionInput!) {
    logInteraction(input: $input) { ...TimelineInteraction }
  }
  ${timelineInteractionFragment}
`;
