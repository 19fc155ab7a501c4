import { gql, type TypedDocumentNode } from '@apollo/client';
import type { OwnTenantOverviewQuery, OwnTenantOverviewQueryVariables } from '../generated/operations.ts';
import { tenantOverviewFragment } from './TenantOverviewFragment.ts';

/** One tenant's summary: ADMIN and CLIENT users may read only their own tenant. */
export const ownTenantOverviewQuery: TypedDocumentNode<OwnTenantOverviewQuery, OwnTenantOverviewQueryVariables> =
  gql /* GraphQL */`
  query OwnTenantOverview($id: ID!) {
    tenant(id: $id) { ...TenantOverview }
  }
  ${tenantOverviewFragment}
`;
