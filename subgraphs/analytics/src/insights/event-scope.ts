import { badInput, parseInput, requireIdentity, tenantFilter } from '@codex/kit';
import type { PropertyFilter } from '../generated/graphql.ts';
import { columnText } from '../limits.ts';
import type { AnalyticsRequest } from '../request.ts';
import { eventConditions, type Sql, type SqlParams } from './filters.ts';

/**
 * The one tenant an insight reads: the caller's (ADMIN, CLIENT), or the one a SUPERADMIN names —
 * an insight over every tenant's events would be a scan of all of them.
 */
export function insightTenant(request: AnalyticsRequest, tenantId: string | null | undefined): string {
  const identity = requireIdentity(request.identity);
  const { tenantId: tenant } = tenantFilter(identity, tenantId);
  if (!tenant) throw badInput('tenantId is required for a SUPERADMIN', 'tenantId');
  return tenant;
}

export interface EventSelection {
  tenantId: string;
  from: Date;
  to: Date;
  event?: string | null;
  filters?: readonly PropertyFilter[] | null;
}

/**
 * The WHERE condition of the events an insight reads (alias `e`): the tenant, [from, to), the
 * event name, the filters. The tenant and time come first so the (tenant_id, occurred_at) index
 * and the time partitions narrow the scan.
 */
export function selectedEvents(selection: EventSelection, params: SqlParams, field: string): Sql {
  const event =
    selection.event === null || selection.event === undefined
      ? 'TRUE'
      : `e.name = ${params.add(parseInput(columnText.eventNameFilter, selection.event, `${field}.event`), 'text')}`;
  return [
    `e.tenant_id = ${params.add(selection.tenantId, 'uuid')}`,
    `e.occurred_at >= ${params.add(selection.from.toISOString(), 'timestamptz')}`,
    `e.occurred_at < ${params.add(selection.to.toISOString(), 'timestamptz')}`,
    event,
    eventConditions(selection.filters, params, `${field}.filters`),
  ].join(' AND ');
}
