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
import type { EventInput } from './generated/graphql.ts';
import { analyticsLimits, columnText } from './limits.ts';

const { text, json } = analyticsLimits;
const { idempotencyKey, eventName, sessionId, pageUrl, pageTitle, referrer, device, browser, os } = columnText;
export const maxBatchSize = analyticsLimits.eventsPerBatch;
/** How far ahead of our clock an event may claim to have happened (client clocks drift). */
const clockSkewMs = 5 * 60_000;
/** Older events are refused: rollups of closed periods stay put, and retries cannot resurrect old keys. */
const maxAgeDays = 30;
const dayMs = 86_400_000;

/** One event of a batch; `now` is the batch's reception time, the reference for `occurredAt`. */
const eventInput = (now: Date) =>
  inputSchema<EventInput>()(
    z.object({
      idempotencyKey,
      name: eventName,
      occurredAt: z
        .date()
        .refine((date) => date.getTime() <= now.getTime() + clockSkewMs, 'must not be in the future')
        .refine(
          (date) => date.getTime() >= now.getTime() - maxAgeDays * dayMs,
          `must be at most ${maxAgeDays} days old`,
        )
        .nullish(),
      data: jsonObjectSchema(json.eventData).nullish(),
      /** Opaque ids of the sending application (see the SDL): a UUID, never joined to another tenant's rows. */
      userId: idSchema.nullish(),
      customerId: idSchema.nullish(),
      sessionId,
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

const batchInput = (now: Date) =>
  z
    .array(eventInput(now))
    .min(1, 'must contain at least one event')
    .max(maxBatchSize, `must contain at most ${maxBatchSize} events`);

/**
 * The whole batch checked before anything is written: the first problem is BAD_USER_INPUT with its
 * path (`events`, `events.3.occurredAt`); a tenant the caller may not write to is NOT_FOUND.
 */
export function parseEventBatch(identity: Identity, events: readonly EventInput[], now: Date): NewEvent[] {
  const parsed = parseInput(batchInput(now), events, 'events');
  return parsed.map((event, index) =>
    toNewEvent(event, targetTenantId(identity, event.tenantId, `events.${index}.tenantId`), now),
  );
}

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
    pageUrl: event.pageUrl,
    pageTitle: event.pageTitle,
    referrer: event.referrer,
    device: event.device,
    browser: event.browser,
    os: event.os,
    country: event.country ?? null,
  };
}
