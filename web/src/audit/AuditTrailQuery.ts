import { gql, type TypedDocumentNode } from '@apollo/client';
import type { AuditEntryFragment, AuditTrailQuery, AuditTrailQueryVariables } from '../generated/operations.ts';

export const auditEntryFragment: TypedDocumentNode<AuditEntryFragment> = gql /* GraphQL */`
  fragment AuditEntry on AuditLogEntry {
    id tenantId actorId actorRole action entityType entityId changes requestId createdAt
  }
`;

/**
 * Each service keeps the audit trail of its own database; the explorer reads all five at once and
 * filters by service, entity and action itself (Auth's trail has no entity filter on the server).
 */
export const auditTrailQuery: TypedDocumentNode<AuditTrailQuery, AuditTrailQueryVariables> = gql /* GraphQL */`
  query AuditTrail($first: Int, $tenantId: ID) {
    auth: auditLog(first: $first, tenantId: $tenantId) { totalCount edges { node { ...AuditEntry } } }
    crm: crmAuditLog(first: $first, tenantId: $tenantId) { totalCount edges { node { ...AuditEntry } } }
    cms: cmsAuditLog(first: $first, tenantId: $tenantId) { totalCount edges { node { ...AuditEntry } } }
    billing: billingAuditLog(first: $first, tenantId: $tenantId) { totalCount edges { node { ...AuditEntry } } }
    analytics: analyticsAuditLog(first: $first, tenantId: $tenantId) { totalCount edges { node { ...AuditEntry } } }
  }
  ${auditEntryFragment}
`;
