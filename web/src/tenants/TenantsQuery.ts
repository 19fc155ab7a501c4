import { gql, type TypedDocumentNode } from '@apollo/client';
import type { TenantsOverviewQuery, TenantsOverviewQueryVariables } from '../generated/operations.ts';

export const tenantsOverviewQuery: TypedDocumentNode<TenantsOverviewQuery, TenantsOverviewQueryVariables> = gql(/* GraphQL */ `
  query TenantsOverview($first: Int, $after: String) {
    tenants(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node {
        id slug name status planTier createdAt
        users { total active lastActivityAt }
        crm { totalCustomers totalLeads openLeads }
        cms { totalContentItems publishedContentItems mediaFiles pages }
        billing { activeSubscriptions openInvoices }
        analytics { totalEvents eventsLast24h }
      } }
    }
  }
`);

export type TenantOverview = TenantsOverviewQuery['tenants']['edges'][number]['node'];
