import { badInput, createMapLoader, isUuid, readPlainRows, type DataScope, type Identity } from '@codex/kit';
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

/** The caller's own tenant, when the scope is one: a second wall beside RLS on the raw statement. */
const ownTenant = (scope: DataScope) => (scope.kind === 'tenant' ? scope.tenantId : null);

/**
 * The `limit` newest events of every customer asked for in a request (keys from
 * `customerEventsKey`), whole rows, in one statement: an index range per (tenant, customer) pair,
 * LATERAL over the batch, in a read session of the request's scoped database (the scope statement
 * and this one), so a caller never sees another tenant's.
 */
export const createRecentEventsLoader = (db: AnalyticsDatabase, scope: DataScope, limit: number) =>
  createMapLoader(
    async (keys: readonly string[]): Promise<Map<string, Event[]>> => {
      const grouped = new Map<string, Event[]>(keys.map((key) => [key, []]));
      const pairs = [...grouped.keys()].map((key) => key.split('/') as [string, string]);
      if (pairs.length === 0 || limit === 0 || scope.kind === 'none') return grouped;
      return readPlainRows(db, scope, (models) => {
        const event = models('Event');
        return {
          text: `SELECT c.n::int AS n, ${event.columns('e')}
            FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS c(tenant_id, customer_id, n)
            CROSS JOIN LATERAL (
              SELECT * FROM events
              WHERE tenant_id = c.tenant_id AND customer_id = c.customer_id
                AND ($4::uuid IS NULL OR tenant_id = $4::uuid)
              ORDER BY occurred_at DESC, id DESC LIMIT $3
            ) e
            ORDER BY c.n, e.occurred_at DESC, e.id DESC`,
          values: [
            pairs.map(([tenantId]) => tenantId),
            pairs.map(([, customerId]) => customerId),
            limit,
            ownTenant(scope),
          ],
          answer: (rows) => {
            const ordered = [...grouped.values()];
            for (const raw of rows) ordered[(raw.n as number) - 1]?.push(event.row(raw, 'e') as Event);
            return grouped;
          },
        };
      });
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
