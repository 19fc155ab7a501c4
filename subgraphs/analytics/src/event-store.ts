import { linkAnonymousIds } from './ingest/persons.ts';
import type { AnalyticsTx } from './request.ts';

/** An event ready to store: validated, its tenant decided and its id chosen. */
export interface NewEvent {
  id: string;
  tenantId: string;
  idempotencyKey: string;
  occurredAt: Date;
  name: string;
  data: Record<string, unknown>;
  userId: string | null;
  customerId: string | null;
  sessionId: string | null;
  anonymousId: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  referrer: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
}

export type StoredStatus = 'ACCEPTED' | 'DUPLICATE';
export interface StoredEvent {
  tenantId: string;
  idempotencyKey: string;
  status: StoredStatus;
  eventId: string;
}

const keyOf = (event: { tenantId: string; idempotencyKey: string }) => `${event.tenantId}\n${event.idempotencyKey}`;

/**
 * Stores the events whose idempotency keys their tenant has not claimed yet (the trigger on `events`
 * adds them to the rollups and per-tenant stats); answers one result per event, in order. Run it
 * inside the caller's transaction: the keys, the events, the rollups and the stats commit
 * together. Three statements whatever the batch size.
 *
 * A key repeated inside the batch counts once (its first event). A key claimed by a concurrent
 * transaction makes ours wait for it at the key's row: if that one commits, ours is a duplicate.
 */
export async function storeEvents(tx: AnalyticsTx, events: readonly NewEvent[]): Promise<StoredEvent[]> {
  const firstOfKey = new Map<string, NewEvent>();
  for (const event of events) if (!firstOfKey.has(keyOf(event))) firstOfKey.set(keyOf(event), event);
  const candidates = [...firstOfKey.values()];
  const claimed = await claimKeys(tx, candidates);
  const accepted = candidates.filter((event) => claimed.has(keyOf(event)));
  const earlier =
    accepted.length < candidates.length
      ? await claimedEventIds(
          tx,
          candidates.filter((event) => !claimed.has(keyOf(event))),
        )
      : new Map<string, string>();
  if (accepted.length > 0) {
    await insertEvents(tx, accepted);
    await linkAnonymousIds(tx, accepted);
  }

  return events.map((event) => {
    const key = keyOf(event);
    const first = firstOfKey.get(key)!;
    const eventId = claimed.has(key) ? first.id : earlier.get(key);
    if (!eventId) throw new Error(`idempotency key without event: ${event.idempotencyKey}`);
    const isNew = claimed.has(key) && event === first;
    return {
      tenantId: event.tenantId,
      idempotencyKey: event.idempotencyKey,
      status: isNew ? 'ACCEPTED' : 'DUPLICATE',
      eventId,
    };
  });
}

/** Inserts the keys nobody holds yet (in one order for every caller, so concurrent batches cannot deadlock). */
async function claimKeys(tx: AnalyticsTx, events: readonly NewEvent[]): Promise<Set<string>> {
  const rows = await tx.$queryRawUnsafe<{ tenantId: string; idempotencyKey: string }[]>(
    `INSERT INTO event_idempotency_keys (tenant_id, idempotency_key, event_id, occurred_at)
     SELECT tenant_id, idempotency_key, event_id, occurred_at
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[]) AS k(tenant_id, idempotency_key, event_id, occurred_at)
     ORDER BY tenant_id, idempotency_key
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
     RETURNING tenant_id::text AS "tenantId", idempotency_key AS "idempotencyKey"`,
    events.map((event) => event.tenantId),
    events.map((event) => event.idempotencyKey),
    events.map((event) => event.id),
    events.map((event) => event.occurredAt.toISOString()),
  );
  return new Set(rows.map(keyOf));
}

/** The events stored earlier under these keys. A separate statement: it must see keys committed while the claim waited. */
async function claimedEventIds(tx: AnalyticsTx, events: readonly NewEvent[]): Promise<Map<string, string>> {
  const rows = await tx.$queryRawUnsafe<{ tenantId: string; idempotencyKey: string; eventId: string }[]>(
    `SELECT k.tenant_id::text AS "tenantId", k.idempotency_key AS "idempotencyKey", k.event_id::text AS "eventId"
     FROM event_idempotency_keys k
     JOIN unnest($1::uuid[], $2::text[]) AS wanted(tenant_id, idempotency_key)
       ON wanted.tenant_id = k.tenant_id AND wanted.idempotency_key = k.idempotency_key`,
    events.map((event) => event.tenantId),
    events.map((event) => event.idempotencyKey),
  );
  return new Map(rows.map((row) => [keyOf(row), row.eventId]));
}

const eventColumns = [
  ['id', 'uuid', (event: NewEvent) => event.id],
  ['tenant_id', 'uuid', (event: NewEvent) => event.tenantId],
  ['occurred_at', 'timestamptz', (event: NewEvent) => event.occurredAt.toISOString()],
  ['idempotency_key', 'text', (event: NewEvent) => event.idempotencyKey],
  ['name', 'text', (event: NewEvent) => event.name],
  ['data', 'jsonb', (event: NewEvent) => JSON.stringify(event.data)],
  ['user_id', 'uuid', (event: NewEvent) => event.userId],
  ['customer_id', 'uuid', (event: NewEvent) => event.customerId],
  ['session_id', 'text', (event: NewEvent) => event.sessionId],
  ['page_url', 'text', (event: NewEvent) => event.pageUrl],
  ['page_title', 'text', (event: NewEvent) => event.pageTitle],
  ['referrer', 'text', (event: NewEvent) => event.referrer],
  ['device', 'text', (event: NewEvent) => event.device],
  ['browser', 'text', (event: NewEvent) => event.browser],
  ['os', 'text', (event: NewEvent) => event.os],
  ['country', 'text', (event: NewEvent) => event.country],
  ['anonymous_id', 'text', (event: NewEvent) => event.anonymousId],
] as const;

/**
 * One statement, one multi-row INSERT from arrays. The statement-level trigger on `events`
 * (prisma/analytics/migrations/*_tenant_event_stats_rls_and_rebuild) adds the inserted rows, in
 * this transaction and in one call, to the `events.count` rollups per UTC hour and day (in total
 * and per event name), to `tenant_event_stats` and to `tenant_active_users`.
 */
async function insertEvents(tx: AnalyticsTx, events: readonly NewEvent[]): Promise<void> {
  const columns = eventColumns.map(([name]) => name).join(', ');
  const arrays = eventColumns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  await tx.$executeRawUnsafe(
    `INSERT INTO events (${columns}) SELECT * FROM unnest(${arrays})`,
    ...eventColumns.map(([, , columnValue]) => events.map(columnValue)),
  );
}
