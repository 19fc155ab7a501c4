import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CancelSubscriptionMutation,
  CancelSubscriptionMutationVariables,
  ChangeSubscriptionPlanMutation,
  ChangeSubscriptionPlanMutationVariables,
  InvoiceDetailQuery,
  InvoiceDetailQueryVariables,
  InvoicesQuery,
  InvoicesQueryVariables,
  PlansQuery,
  PlansQueryVariables,
  SubscribeCustomerMutation,
  SubscribeCustomerMutationVariables,
  SubscriptionsQuery,
  SubscriptionsQueryVariables,
} from '../generated/operations.ts';

export const plansQuery: TypedDocumentNode<PlansQuery, PlansQueryVariables> = gql /* GraphQL */`
  query Plans {
    plans(first: 100, orderBy: { field: AMOUNT, direction: ASC }) {
      totalCount
      edges { node { id name code description amount currency interval intervalCount trialDays active } }
    }
  }
`;

/** A subscription row; every subscription mutation answers with it so the list updates from the cache. */
export const subscriptionRowFragment = gql /* GraphQL */`
  fragment SubscriptionRow on BillingSubscription {
    id
    status
    quantity
    currentPeriodStart
    currentPeriodEnd
    cancelAtPeriodEnd
    cancelledAt
    cancelReason
    createdAt
    plan { id name amount currency interval intervalCount }
    customer { id firstName lastName email }
  }
`;

export const subscriptionsQuery: TypedDocumentNode<SubscriptionsQuery, SubscriptionsQueryVariables> = gql /* GraphQL */`
  query Subscriptions($after: String, $filter: SubscriptionFilter) {
    subscriptions(first: 50, after: $after, filter: $filter, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...SubscriptionRow } }
    }
  }
  ${subscriptionRowFragment}
`;

export const subscribeCustomerMutation: TypedDocumentNode<
  SubscribeCustomerMutation,
  SubscribeCustomerMutationVariables
> = gql /* GraphQL */`
  mutation SubscribeCustomer($input: SubscribeCustomerInput!) {
    subscribeCustomer(input: $input) { ...SubscriptionRow }
  }
  ${subscriptionRowFragment}
`;

export const changeSubscriptionPlanMutation: TypedDocumentNode<
  ChangeSubscriptionPlanMutation,
  ChangeSubscriptionPlanMutationVariables
> = gql /* GraphQL */`
  mutation ChangeSubscriptionPlan($id: ID!, $planId: ID!) {
    changeSubscriptionPlan(id: $id, planId: $planId) { ...SubscriptionRow }
  }
  ${subscriptionRowFragment}
`;

export const cancelSubscriptionMutation: TypedDocumentNode<
  CancelSubscriptionMutation,
  CancelSubscriptionMutationVariables
> = gql /* GraphQL */`
  mutation CancelSubscription($id: ID!, $atPeriodEnd: Boolean!, $reason: String) {
    cancelSubscription(id: $id, atPeriodEnd: $atPeriodEnd, reason: $reason) { ...SubscriptionRow }
  }
  ${subscriptionRowFragment}
`;

export const invoicesQuery: TypedDocumentNode<InvoicesQuery, InvoicesQueryVariables> = gql /* GraphQL */`
  query Invoices($after: String, $filter: InvoiceFilter) {
    invoices(first: 50, after: $after, filter: $filter, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node { id number status currency total dueDate overdue issuedAt paidAt customer { id firstName lastName } }
      }
    }
  }
`;

export const invoiceDetailQuery: TypedDocumentNode<InvoiceDetailQuery, InvoiceDetailQueryVariables> = gql /* GraphQL */`
  query InvoiceDetail($id: ID!) {
    invoice(id: $id) {
      id
      number
      status
      currency
      subtotal
      discount
      tax
      total
      amountPaid
      issuedAt
      dueDate
      overdue
      paidAt
      voidedAt
      periodStart
      periodEnd
      notes
      customer { id firstName lastName email }
      lines { id position description quantity unitPrice amount periodStart periodEnd }
    }
  }
`;
