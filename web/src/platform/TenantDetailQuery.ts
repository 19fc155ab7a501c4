import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  TenantDetailFiguresFragment,
  TenantDetailFiguresSubscription,
  TenantDetailFiguresSubscriptionVariables,
  TenantDetailQuery,
  TenantDetailQueryVariables,
} from '../generated/operations.ts';
import { tenantOverviewFragment } from '../tenants/TenantOverviewFragment.ts';
import { userRowFragment } from '../identity/UserOperations.ts';

/** The tenant's figures on its detail screen: every summary plus money and KPIs. */
const tenantDetailFiguresFragment: TypedDocumentNode<TenantDetailFiguresFragment> = gql /* GraphQL */`
  fragment TenantDetailFigures on Tenant {
    ...TenantOverview
    billing { mrr { amount currency } revenueAllTime { amount currency } }
    kpis { revenuePerCustomer { amount currency } leadToSubscriptionConversion activeUserRatio eventsPerActiveUser }
  }
  ${tenantOverviewFragment}
`;

/** One tenant for a SUPERADMIN: all five summaries, its KPIs and its users. */
export const tenantDetailQuery: TypedDocumentNode<TenantDetailQuery, TenantDetailQueryVariables> = gql /* GraphQL */`
  query TenantDetail($id: ID!) {
    tenant(id: $id) { ...TenantDetailFigures }
    users(tenantId: $id, first: 100) { totalCount edges { node { ...UserRow } } }
  }
  ${tenantDetailFiguresFragment}
  ${userRowFragment}
`;

/** The same figures pushed whenever one changes; they land on the cached `Tenant` the query shows. */
export const tenantDetailFiguresSubscription: TypedDocumentNode<
  TenantDetailFiguresSubscription,
  TenantDetailFiguresSubscriptionVariables
> = gql /* GraphQL */`
  subscription TenantDetailFigures($tenantId: ID!) {
    tenantFigures(tenantId: $tenantId) { ...TenantDetailFigures }
  }
  ${tenantDetailFiguresFragment}
`;
