import {
  idSchema,
  inputSchema,
  jsonObjectSchema,
  parseInput,
  targetTenantId,
  type Identity,
  textSchema,
} from '@codex/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { NewEvent } from './event-store.ts';
import type { EventEnrichment } from './ingest/enrichment.ts';
import type { EventInput } from './generated/graphql.ts';
import { analyticsLimits, columnText } from './limits.ts';

const { text, json } = analyticsLimits;
const { idempotencyKey, eventName, sessionId, anonymousId, pageUrl, pageTitle, referrer, device, browser, os } =
  columnText;
export const maxBatchSize = analyticsLimits.eventsPerBatch;
/** How far ahead of our clock an event may claim to have happened (client clocks drift). */
const clockSkewMs = 5 * 60_000;
/**
 * Older events are refused unless the batch is a backfill: rollups of closed periods stay put, and
 * retries cannot resurrect old keys.
 */
const maxAgeDays = 30;
const dayMs = 86_400_000;
/** A backfill's floor: earlier dates are typing mistakes, not history. */
const backfillFloor = new Date('1970-01-01T00:00:00Z');

/** How a batch is read: whether it backfills, and what fills what its events leave unsaid. */
export interface BatchOptions {
  backfill?: boolean;
  /** Browser, OS, device and country of the sending browser (`ingest/enrichment.ts`). */
  enrichment?: EventEnrichment | null;
}

/** `now` is the batch's reception time, the reference for `occurredAt`. */
const occurredAtInput = (now: Date, backfill: boolean) =>
  z
    .date()
    .refine((date) => date.getTime() <= now.getTime() + clockSkewMs, 'must not be in the future')
    .refine(
      (date) => (backfill ? date >= backfillFloor : date.getTime() >= now.getTime() - maxAgeDays * dayMs),
      backfill ? 'must not be before 1970' : `must be at most ${maxAgeDays} days old`,
    )
    .nullish();

/** One event of a batch. */
const eventInput = (now: Date, backfill: boolean) =>
  inputSchema<EventInput>()(
    z.object({
      idempotencyKey,
      name: eventName,
      occurredAt: occurredAtInput(now, backfill),
      data: jsonObjectSchema(json.eventData).nullish(),
      /** Opaque ids of the sending application (see the SDL): a UUID, never joined to another tenant's rows. */
      userId: idSchema.nullish(),
      customerId: idSchema.nullish(),
      sessionId,
      anonymousId,
      pageUrl,
      pageTitle,
      referrer,
      device,
      browser,
      os,
      country: z
        .string()
        .max(10, 'must be a two-letter ISO 3166 country code')
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code')
        .nullish(),
      tenantId: textSchema(text.tenantId, { trim: false }).nullish(),
    }),
  );
type ParsedEvent = z.infer<ReturnType<typeof eventInput>>;

const batchInput = (now: Date, backfill: boolean) =>
  z
    .array(eventInput(now, backfill))
    .min(1, 'must contain at least one event')
    .max(maxBatchSize, `must contain at most ${maxBatchSize} events`);

/**
 * The whole batch checked before anything is written: the first problem is BAD_USER_INPUT with its
 * path (`events`, `events.3.occurredAt`); a tenant the caller may not write to is NOT_FOUND.
 */
export function parseEventBatch(
  identity: Identity,
  events: readonly EventInput[],
  now: Date,
  options: BatchOptions = {},
): NewEvent[] {
  const parsed = parseInput(batchInput(now, options.backfill ?? false), events, 'events');
  return parsed.map((event, index) => ({
    ...toNewEvent(event, targetTenantId(identity, event.tenantId, `events.${index}.tenantId`), now),
    ...enriched(event, options.enrichment),
  }));
}

const enriched = (event: ParsedEvent, enrichment: EventEnrichment | null | undefined) => ({
  browser: event.browser ?? enrichment?.browser ?? null,
  os: event.os ?? enrichment?.os ?? null,
  device: event.device ?? enrichment?.device ?? null,
  country: event.country ?? enrichment?.country ?? null,
});

function toNewEvent(event: ParsedEvent, tenantId: string, now: Date): NewEvent {
  return {
    id: randomUUID(),
    tenantId,
    idempotencyKey: event.idempotencyKey,
    occurredAt: event.occurredAt ?? now,
    name: event.name,
    data: event.data ?? {},
    userId: event.userId ?? null,
    customerId: event.customerId ?? null,
    sessionId: event.sessionId,
    anonymousId: event.anonymousId,
    pageUrl: event.pageUrl,
    pageTitle: event.pageTitle,
    referrer: event.referrer,
    device: event.device,
    browser: event.browser,
    os: event.os,
    country: event.country ?? null,
  };
}
