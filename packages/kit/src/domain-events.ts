import type { SqlRunner } from './job-queue.ts';
import type { SubgraphName } from './services.ts';

export { followDomainEvents, type DomainEventSource, type FollowOptions } from './domain-events-client.ts';

/**
 * A domain event as consumers see it (README "Domain events"): one row of a service's outbox
 * table `domain_events`, written in the transaction of the change it tells of, so it exists if and
 * only if the change committed. `seq` orders a service's events (a decimal string: bigint).
 */
export interface DomainEvent {
  id: string;
  seq: string;
  service: SubgraphName;
  type: string;
  tenantId: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  requestId: string | null;
}

export interface NewDomainEvent {
  /** `<entity>.<past-tense verb>`, e.g. `customer.created`. */
  type: string;
  tenantId: string | null;
  entityId: string | null;
  /** The entity's public fields after the change; never secrets, hashes or key material. */
  payload: Record<string, unknown>;
  requestId?: string | null;
}

/** The PostgreSQL channel `recordEvent` notifies on commit; its payload is the event's seq. */
export const domainEventsChannel = 'domain_events';

/** Any key: it only has to differ from the migrator's and the job queue's advisory locks. */
const outboxLockKey = 72707371;

/**
 * The insert takes a transaction-level advisory lock first, so event-writing transactions take
 * their seq and commit one after another: a reader that has seen seq n can never later meet a
 * smaller seq committing (the gap a plain bigserial leaves between concurrent transactions). The
 * lock is held from the insert to the commit, which is why the event is the last write of a change.
 * pg_notify is sent by PostgreSQL only when the transaction commits.
 */
const insertEventSql = `
  WITH event AS (
    INSERT INTO "domain_events" ("type", "tenant_id", "entity_id", "payload", "request_id")
    SELECT $1, $2::uuid, $3, $4::jsonb, $5 FROM pg_advisory_xact_lock(${outboxLockKey})
    RETURNING "seq", "id"
  )
  SELECT "seq"::text AS "seq", "id"::text AS "id", pg_notify('${domainEventsChannel}', "seq"::text)::text AS "notified"
  FROM event`;

/**
 * Inserts the event through `tx`, the interactive transaction (`withScope`'s `tx`) the change is
 * written with: it commits or rolls back with the change. Row-level security lets a tenant's
 * transaction insert only its own tenant's events.
 */
export async function recordEvent(tx: SqlRunner, event: NewDomainEvent): Promise<{ id: string; seq: string }> {
  const rows = await tx.$queryRawUnsafe<{ seq: string; id: string }[]>(
    insertEventSql,
    event.type,
    event.tenantId,
    event.entityId,
    JSON.stringify(publicPayload(event.payload)),
    event.requestId ?? null,
  );
  const [row] = rows;
  if (!row) throw new Error(`domain event ${event.type} was not recorded`);
  return { id: row.id, seq: row.seq };
}

/**
 * `recordEvent` for many events in one INSERT under one take of the outbox lock, in the given
 * order (consecutive seqs); one notification carries the last seq. For batch jobs that write
 * hundreds of documents per transaction.
 */
export async function recordEvents(tx: SqlRunner, events: readonly NewDomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const column = <T>(pick: (event: NewDomainEvent) => T) => events.map(pick);
  await tx.$queryRawUnsafe(
    insertEventsSql,
    column((event) => event.type),
    column((event) => event.tenantId),
    column((event) => event.entityId),
    column((event) => JSON.stringify(publicPayload(event.payload))),
    column((event) => event.requestId ?? null),
  );
}

const insertEventsSql = `
  WITH event AS (
    INSERT INTO "domain_events" ("type", "tenant_id", "entity_id", "payload", "request_id")
    SELECT e.type, e.tenant_id, e.entity_id, e.payload, e.request_id
      FROM pg_advisory_xact_lock(${outboxLockKey}),
           unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[], $5::text[])
             WITH ORDINALITY AS e(type, tenant_id, entity_id, payload, request_id, n)
     ORDER BY e.n
    RETURNING "seq"
  )
  SELECT pg_notify('${domainEventsChannel}', max("seq")::text)::text AS "notified" FROM event`;

/** Keys that never leave a service in an event, whatever the caller passed: credentials and their hashes. */
const secretKey = /password|secret|hash|token|encrypted|private/i;

/** The payload as JSON can hold it (decimals, dates and bigints as strings), secret-looking keys dropped. */
export function publicPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(payload, (key, value: unknown) => {
    if (key !== '' && secretKey.test(key)) return undefined;
    return typeof value === 'bigint' ? value.toString() : value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** A row a change wrote: its id and tenant are the event's entity and tenant. */
export interface EventRow {
  id: string;
  tenantId: string | null;
}

/**
 * Records the event of a change to one row: tenant and entity from the row, its fields (less
 * `omit`, and anything secret-looking) as the payload, `request.requestId` as the request id.
 * The common case of `recordEvent`, so each write names only what happened.
 */
export function recordRowEvent(
  tx: SqlRunner,
  request: { requestId: string },
  type: string,
  row: EventRow,
  options: { omit?: readonly string[]; extra?: Record<string, unknown> } = {},
) {
  const fields = Object.fromEntries(Object.entries(row).filter(([key]) => !options.omit?.includes(key)));
  return recordEvent(tx, {
    type,
    tenantId: row.tenantId,
    entityId: row.id,
    payload: { ...fields, ...options.extra },
    requestId: request.requestId,
  });
}

/** Fields whose change is bookkeeping, not news: left out of `changedFields`. */
const bookkeeping = new Set(['updatedAt', 'version']);

/** The names of the fields that differ between two versions of a row (compared as JSON). */
export function changedFieldNames(before: object, after: object): string[] {
  const old = publicPayload(before as Record<string, unknown>);
  const now = publicPayload(after as Record<string, unknown>);
  return Object.keys(now).filter(
    (key) => !bookkeeping.has(key) && JSON.stringify(old[key]) !== JSON.stringify(now[key]),
  );
}

/** `recordRowEvent` of an update: the row after the change, and `changedFields` naming what changed. */
export function recordRowChange<T extends EventRow>(
  tx: SqlRunner,
  request: { requestId: string },
  type: string,
  before: T,
  after: T,
  options: { omit?: readonly string[]; extra?: Record<string, unknown> } = {},
) {
  const changedFields = changedFieldNames(before, after).filter((key) => !options.omit?.includes(key));
  return recordRowEvent(tx, request, type, after, { ...options, extra: { changedFields, ...options.extra } });
}
