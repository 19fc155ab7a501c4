import {
  badInput,
  createMapLoader,
  isUuid,
  rowsInKeyOrder,
  withScope,
  type DataScope,
  type Identity,
} from '@codex/kit';
import type DataLoader from 'dataloader';
import type { AnalyticsDatabase, Event } from './db.ts';
import { analyticsLimits } from './limits.ts';

const maxRecentEvents = analyticsLimits.recentEventsPerCustomer;

export function recentEventsLimit(first: number | null | undefined): number {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxRecentEvents)
    throw badInput(`first must be between 0 and ${maxRecentEvents}`, 'first');
  return limit;
}

/** A CRM customer as this subgraph sees it: its id and (from CRM, via `@requires`) its tenant. */
export interface CustomerKey {
  id: string;
  tenantId?: string | null;
}

/**
 * The loader key of a customer: event `customerId`s are opaque ids of the sending tenant, so a
 * customer's events are those of its own tenant only. The tenant is the one CRM names; when CRM
 * names none (no such customer there), a tenant's caller sees its own tenant's events naming the
 * id, and a SUPERADMIN (who has no tenant) sees none.
 */
export function customerEventsKey(customer: CustomerKey, caller: Identity | null): string | null {
  const tenantId = customer.tenantId ?? (caller?.role === 'SUPERADMIN' ? null : caller?.tenantId);
  return tenantId && isUuid(tenantId) && isUuid(customer.id) ? `${tenantId}/${customer.id}` : null;
}

/** The newest `limit` event ids of each (tenant, customer) pair, in one statement (an index range per pair). */
async function eventIdsPerCustomer(db: AnalyticsDatabase, scope: DataScope, keys: readonly string[], limit: number) {
  const pairs = [...new Set(keys)].map((key) => key.split('/') as [string, string]);
  const grouped = new Map<string, string[]>(keys.map((key) => [key, []]));
  if (pairs.length === 0 || limit === 0) return grouped;
  const rows = await withScope(db, scope, (tx) =>
    tx.$queryRawUnsafe<{ key: string; id: string }[]>(
      `SELECT c.tenant_id::text || '/' || c.customer_id::text AS key, e.id::text AS id
       FROM unnest($1::uuid[], $2::uuid[]) AS c(tenant_id, customer_id)
       CROSS JOIN LATERAL (
         SELECT id, occurred_at FROM events
         WHERE tenant_id = c.tenant_id AND customer_id = c.customer_id
         ORDER BY occurred_at DESC, id DESC LIMIT $3
       ) e
       ORDER BY 1, e.occurred_at DESC, e.id DESC`,
      pairs.map(([tenantId]) => tenantId),
      pairs.map(([, customerId]) => customerId),
      limit,
    ),
  );
  for (const row of rows) grouped.get(row.key)?.push(row.id);
  return grouped;
}

/**
 * The `limit` newest events of every customer asked for in a request (keys from
 * `customerEventsKey`): one statement for the ids, one query for the rows, whatever the number of
 * customers. The database is the request's scoped one, so a caller never sees another tenant's.
 */
export const createRecentEventsLoader = (db: AnalyticsDatabase, scope: DataScope, limit: number) =>
  createMapLoader(
    async (keys: readonly string[]): Promise<Map<string, Event[]>> => {
      const ids = await eventIdsPerCustomer(db, scope, keys, limit);
      const eventIds = [...ids.values()].flat();
      const rows = eventIds.length > 0 ? await db.event.findMany({ where: { id: { in: eventIds } } }) : [];
      return rowsInKeyOrder(ids, rows);
    },
    () => [],
  );

/** `Customer.recentEvents`: `first` checked, then the customer's events of its own tenant (none without one). */
export function recentEventsOf(
  request: { identity: Identity | null; loaders: { recentEvents(limit: number): DataLoader<string, Event[]> } },
  customer: CustomerKey,
  first: number | null | undefined,
): Promise<Event[]> | Event[] {
  const limit = recentEventsLimit(first);
  const key = customerEventsKey(customer, request.identity);
  return key ? request.loaders.recentEvents(limit).load(key) : [];
}
