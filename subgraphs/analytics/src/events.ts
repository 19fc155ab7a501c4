import {
  dateTimeSchema,
  idSchema,
  inputSchema,
  LiteralDate,
  loadTenantPage,
  parseInput,
  type ListArgs,
  type SortDirection,
} from '@codex/kit';
import { z } from 'zod';
import type { EventFilter, InputMaybe } from './generated/graphql.ts';
import { columnText } from './limits.ts';
import type { AnalyticsRequest } from './request.ts';

/** A bound of the filter: no stored event lies outside the storable window, so neither may a bound. */
const filterDate = dateTimeSchema;
const eventFilterInput = inputSchema<EventFilter>()(
  z.object({
    name: columnText.eventNameFilter.nullish(),
    userId: idSchema.nullish(),
    customerId: idSchema.nullish(),
    sessionId: columnText.sessionIdFilter.nullish(),
    from: filterDate.nullish(),
    to: filterDate.nullish(),
  }),
).nullish();

const eventOrderFields = { OCCURRED_AT: 'occurredAt' } as const;

export type EventListArgs = ListArgs<EventFilter, { field: keyof typeof eventOrderFields; direction: SortDirection }>;

/** Prisma `where` for an event filter; ids that are not UUIDs are BAD_USER_INPUT (`filter.userId`). */
function eventWhere(input: InputMaybe<EventFilter> | undefined) {
  const filter = parseInput(eventFilterInput, input, 'filter');
  if (!filter) return {};
  const occurredAt = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
  return {
    ...(filter.name ? { name: filter.name } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
    ...(filter.from || filter.to ? { occurredAt } : {}),
  };
}

/** Events of the caller's tenant (SUPERADMIN: all, or `tenantId`'s), newest first by default. */
export function listEvents(request: AnalyticsRequest, args: EventListArgs) {
  const sort = {
    field: eventOrderFields[args.orderBy?.field ?? 'OCCURRED_AT'],
    direction: args.orderBy?.direction ?? ('DESC' as const),
  };
  const newestFirst = sort.field === 'occurredAt' && sort.direction === 'DESC';
  return loadTenantPage(
    request,
    args,
    request.db.event,
    eventWhere(args.filter),
    sort,
    newestFirst ? { occurredAt: recentMonths(new Date()) } : undefined,
  );
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A newest-first page looks in the recent months first: `events` is partitioned by month, and
 * PostgreSQL opens every partition for a read it cannot prune when it plans it (19 today, one more
 * each month). The window starts at the UTC month a week ago (the current month from its 8th day)
 * and ends with the month of tomorrow: the database refuses events more than an hour ahead of its
 * clock (migration `events_not_in_the_future`), so every event newer than the window's start is in
 * it. Both bounds are written into the statement as literals, so the plan holds only those one or
 * two months' partitions (not the months kept ahead, nor the default one). A tenant with less than
 * a page of events in the window is read again over all months (see loadTenantPage).
 */
export function recentMonths(now: Date): { gte: LiteralDate; lt: LiteralDate } {
  const weekAgo = new Date(now.getTime() - 7 * dayMs);
  const tomorrow = new Date(now.getTime() + dayMs);
  return {
    gte: new LiteralDate(Date.UTC(weekAgo.getUTCFullYear(), weekAgo.getUTCMonth(), 1)),
    lt: new LiteralDate(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, 1)),
  };
}
