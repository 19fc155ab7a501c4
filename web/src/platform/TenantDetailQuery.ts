import { gql, type TypedDocumentNode } from '@apollo/client';
import type { TenantDetailQuery, TenantDetailQueryVariables } from '../generated/operations.ts';
import { tenantOverviewFragment } from '../tenants/TenantOverviewFragment.ts';
import { userRowFragment } from '../identity/UserOperations.ts';

/** One tenant for a SUPERADMIN: all five summaries, its KPIs and its users. */
export const tenantDetailQuery: TypedDocumentNode<TenantDetailQuery, TenantDetailQueryVariables> = gql /* GraphQL */`
  query TenantDetail($id: ID!) {
    tenant(id: $id) {
      ...TenantOverview
      billing { mrr { amount currency } revenueAllTime { amount currency } }
      kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
    }
    users(tenantId: $id, first: 100) { totalCount edges { node { ...UserRow } } }
  }
  ${tenantOverviewFragment}
  ${userRowFragment}
`;
