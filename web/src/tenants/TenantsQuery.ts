import { gql, type TypedDocumentNode } from '@apollo/client';
import type { TenantsOverviewQuery, TenantsOverviewQueryVariables } from '../generated/operations.ts';
import { tenantOverviewFragment } from './TenantOverviewFragment.ts';

/** Every tenant of the platform, a page at a time (SUPERADMIN only). */
export const tenantsOverviewQuery: TypedDocumentNode<TenantsOverviewQuery, TenantsOverviewQueryVariables> =
  gql /* GraphQL */`
  query TenantsOverview($first: Int, $after: String) {
    tenants(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...TenantOverview } }
    }
  }
  ${tenantOverviewFragment}
`;
