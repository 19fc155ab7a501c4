import type { AuditEntryFragment, AuditTrailQuery } from '../generated/operations.ts';

export const auditServices = ['auth', 'crm', 'cms', 'billing', 'analytics'] as const;
export type AuditService = (typeof auditServices)[number];

export interface AuditRow extends AuditEntryFragment {
  service: AuditService;
}

export interface AuditFilter {
  service?: AuditService | '';
  entityType?: string;
  action?: string;
}

/** The five trails as one list, newest first, narrowed by the filters the server cannot apply. */
export function mergeAuditTrails(data: AuditTrailQuery | undefined, filter: AuditFilter = {}): AuditRow[] | undefined {
  if (!data) return undefined;
  const rows = auditServices.flatMap((service) =>
    (data[service]?.edges ?? []).map(({ node }) => ({ ...node, service })),
  );
  const action = filter.action?.trim().toLowerCase();
  return rows
    .filter((row) => !filter.service || row.service === filter.service)
    .filter((row) => !filter.entityType || row.entityType === filter.entityType)
    .filter((row) => !action || row.action.toLowerCase().includes(action))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Entity types seen in the loaded trails, for the filter's choices. */
export const entityTypesOf = (data: AuditTrailQuery | undefined) =>
  [...new Set(mergeAuditTrails(data)?.map((row) => row.entityType))].sort();
