import { gql, type TypedDocumentNode } from '@apollo/client';
import type { TenantOverviewFragment } from '../generated/operations.ts';

/** One tenant's row: registry fields plus every domain's per-tenant summary. Shared by both tenant queries. */
export const tenantOverviewFragment: TypedDocumentNode<TenantOverviewFragment> = gql /* GraphQL */`
  fragment TenantOverview on Tenant {
    id slug name status planTier createdAt
    users { total active lastActivityAt }
    crm { totalCustomers totalLeads openLeads }
    cms { totalContentItems publishedContentItems mediaFiles pages }
    billing { activeSubscriptions openInvoices }
    analytics { totalEvents eventsLast24h }
  }
`;

export type TenantOverview = TenantOverviewFragment;
