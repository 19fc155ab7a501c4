import { gql, type TypedDocumentNode } from '@apollo/client';
import type { AuditEntryFragment, AuditTrailQuery, AuditTrailQueryVariables } from '../generated/operations.ts';

export const auditEntryFragment: TypedDocumentNode<AuditEntryFragment> = gql /* GraphQL */`
  fragment AuditEntry on AuditLogEntry {
    id tenantId actorId actorRole action entityType entityId changes requestId createdAt
  }
`;

/**
 * Fragments stay in name order (AuditEntry, AuditPage): the manifest sorts them so, and the console's
 * hash of the document must be the manifest's id for safelist mode to run it.
 *
 * Each service keeps the audit trail of its own database; the explorer reads all five at once,
 * newest first, each with its own cursor for older pages, and filters by service, entity and action
 * itself (Auth's trail has no entity filter on the server).
 */
export const auditTrailQuery: TypedDocumentNode<AuditTrailQuery, AuditTrailQueryVariables> = gql /* GraphQL */`
  query AuditTrail(
    $first: Int
    $tenantId: ID
    $authAfter: String
    $crmAfter: String
    $cmsAfter: String
    $billingAfter: String
    $analyticsAfter: String
  ) {
    auth: auditLog(first: $first, after: $authAfter, tenantId: $tenantId, order: NEWEST_FIRST) {
      ...AuditPage
    }
    crm: crmAuditLog(first: $first, after: $crmAfter, tenantId: $tenantId, order: NEWEST_FIRST) { ...AuditPage }
    cms: cmsAuditLog(first: $first, after: $cmsAfter, tenantId: $tenantId, order: NEWEST_FIRST) { ...AuditPage }
    billing: billingAuditLog(first: $first, after: $billingAfter, tenantId: $tenantId, order: NEWEST_FIRST) {
      ...AuditPage
    }
    analytics: analyticsAuditLog(first: $first, after: $analyticsAfter, tenantId: $tenantId, order: NEWEST_FIRST) {
      ...AuditPage
    }
  }
  ${auditEntryFragment}
  fragment AuditPage on AuditLogConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...AuditEntry } }
  }
`;
