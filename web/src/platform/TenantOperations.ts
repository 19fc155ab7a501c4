import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CreateTenantMutation,
  CreateTenantMutationVariables,
  PlatformTenantRowFragment,
  PlatformTenantsQuery,
  PlatformTenantsQueryVariables,
  ReactivateTenantMutation,
  ReactivateTenantMutationVariables,
  SuspendTenantMutation,
  SuspendTenantMutationVariables,
} from '../generated/operations.ts';

/** A row of the tenants screen. */
export const platformTenantRowFragment: TypedDocumentNode<PlatformTenantRowFragment> = gql /* GraphQL */`
  fragment PlatformTenantRow on Tenant {
    id slug name status planTier createdAt
    users { total active }
    crm { totalCustomers }
    billing { mrr { amount currency } }
    analytics { eventsLast30d }
  }
`;

export type PlatformTenantRow = PlatformTenantRowFragment;

export const platformTenantsQuery: TypedDocumentNode<PlatformTenantsQuery, PlatformTenantsQueryVariables> =
  gql /* GraphQL */`
  query PlatformTenants($first: Int, $after: String, $search: String, $orderBy: TenantOrder) {
    tenants(first: $first, after: $after, search: $search, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...PlatformTenantRow } }
    }
  }
  ${platformTenantRowFragment}
`;

export const createTenantMutation: TypedDocumentNode<CreateTenantMutation, CreateTenantMutationVariables> =
  gql /* GraphQL */`
  mutation CreateTenant($input: CreateTenantInput!) {
    createTenant(input: $input) { ...PlatformTenantRow }
  }
  ${platformTenantRowFragment}
`;

export const suspendTenantMutation: TypedDocumentNode<SuspendTenantMutation, SuspendTenantMutationVariables> =
  gql /* GraphQL */`
  mutation SuspendTenant($id: ID!) {
    suspendTenant(id: $id) { id status }
  }
`;

export const reactivateTenantMutation: TypedDocumentNode<ReactivateTenantMutation, ReactivateTenantMutationVariables> =
  gql /* GraphQL */`
  mutation ReactivateTenant($id: ID!) {
    reactivateTenant(id: $id) { id status }
  }
`;
