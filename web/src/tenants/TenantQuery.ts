import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  OwnTenantFiguresSubscription,
  OwnTenantFiguresSubscriptionVariables,
  OwnTenantOverviewQuery,
  OwnTenantOverviewQueryVariables,
} from '../generated/operations.ts';
import { tenantOverviewFragment } from './TenantOverviewFragment.ts';

/** One tenant's summary: ADMIN and CLIENT users may read only their own tenant. */
export const ownTenantOverviewQuery: TypedDocumentNode<OwnTenantOverviewQuery, OwnTenantOverviewQueryVariables> =
  gql /* GraphQL */`
  query OwnTenantOverview($id: ID!) {
    tenant(id: $id) { ...TenantOverview }
  }
  ${tenantOverviewFragment}
`;

/**
 * The same summary, pushed by the gateway whenever one of its figures changes. The answer is the
 * same normalized `Tenant` in the cache, so the query above re-renders with it.
 */
export const ownTenantFiguresSubscription: TypedDocumentNode<
  OwnTenantFiguresSubscription,
  OwnTenantFiguresSubscriptionVariables
> = gql /* GraphQL */`
  subscription OwnTenantFigures($tenantId: ID!) {
    tenantFigures(tenantId: $tenantId) { ...TenantOverview }
  }
  ${tenantOverviewFragment}
`;
