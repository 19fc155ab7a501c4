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

type Trail = AuditTrailQuery[AuditService];

/**
 * The oldest time the merged list is complete down to: each trail is loaded newest first, so an entry
 * older than the last loaded one of a trail with more pages might still be missing from that trail.
 */
function completeSince(data: AuditTrailQuery): string {
  const horizons = auditServices.flatMap((service) => {
    const trail = data[service];
    const last = trail?.edges.at(-1)?.node.createdAt;
    return trail?.pageInfo.hasNextPage && last ? [last] : [];
  });
  return horizons.sort().at(-1) ?? '';
}

/** The five trails as one list, newest first and without gaps, narrowed by the filters the server cannot apply. */
export function mergeAuditTrails(data: AuditTrailQuery | undefined, filter: AuditFilter = {}): AuditRow[] | undefined {
  if (!data) return undefined;
  const since = completeSince(data);
  const rows = auditServices.flatMap((service) =>
    (data[service]?.edges ?? []).map(({ node }) => ({ ...node, service })),
  );
  const action = filter.action?.trim().toLowerCase();
  return rows
    .filter((row) => row.createdAt >= since)
    .filter((row) => !filter.service || row.service === filter.service)
    .filter((row) => !filter.entityType || row.entityType === filter.entityType)
    .filter((row) => !action || row.action.toLowerCase().includes(action))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Entity types seen in the loaded trails, for the filter's choices. */
export const entityTypesOf = (data: AuditTrailQuery | undefined) =>
  [...new Set(mergeAuditTrails(data)?.map((row) => row.entityType))].sort();

/** Whether any trail has older entries on the server, and how many entries all five hold. */
export function auditTrailTotals(data: AuditTrailQuery) {
  const trails = auditServices.map((service) => data[service]).filter((trail): trail is NonNullable<Trail> => !!trail);
  return {
    hasMore: trails.some((trail) => trail.pageInfo.hasNextPage),
    total: trails.reduce((sum, trail) => sum + trail.totalCount, 0),
  };
}

/** The cursors that fetch each trail's next (older) page; a trail without one is asked again and ignored. */
export const olderPageVariables = (data: AuditTrailQuery) =>
  Object.fromEntries(auditServices.map((service) => [`${service}After`, data[service]?.pageInfo.endCursor ?? null]));

/** Appends each trail's older page to what is loaded; a trail that had no next page keeps what it has. */
export function appendOlderPages(loaded: AuditTrailQuery, older: AuditTrailQuery): AuditTrailQuery {
  const next: AuditTrailQuery = { ...loaded };
  for (const service of auditServices) {
    const before = loaded[service];
    const page = older[service];
    if (!before?.pageInfo.hasNextPage || !page) continue;
    next[service] = { ...page, edges: [...before.edges, ...page.edges] };
  }
  return next;
}
