import { badInput, createMapLoader, idsPerKey, isUuid, rowsInKeyOrder, type DataScope } from '@codex/kit';
import type { AnalyticsDatabase, Event } from './db.ts';
import { analyticsLimits } from './limits.ts';

const maxRecentEvents = analyticsLimits.recentEventsPerCustomer;

export function recentEventsLimit(first: number | null | undefined): number {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxRecentEvents)
    throw badInput(`first must be between 0 and ${maxRecentEvents}`, 'first');
  return limit;
}

/**
 * The `limit` newest events of every customer asked for in a request: one window-function
 * statement for the ids, one query for the rows, whatever the number of customers.
 */
export const createRecentEventsLoader = (db: AnalyticsDatabase, scope: DataScope, limit: number) =>
  createMapLoader(
    async (customerIds: readonly string[]): Promise<Map<string, Event[]>> => {
      const ids = await idsPerKey(
        db,
        scope,
        { table: 'events', keyColumn: 'customer_id', order: 'occurred_at DESC, id DESC', limit },
        customerIds.filter(isUuid),
      );
      const eventIds = [...ids.values()].flat();
      const rows = eventIds.length > 0 ? await db.event.findMany({ where: { id: { in: eventIds } } }) : [];
      return rowsInKeyOrder(ids, rows);
    },
    () => [],
  );
