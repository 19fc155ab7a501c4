import { idSchema, jsonObjectSchema, parseInput, targetTenantId, type Identity } from '@codex/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { NewEvent } from './event-store.ts';

export const maxBatchSize = 1000;
/** How far ahead of our clock an event may claim to have happened (client clocks drift). */
const clockSkewMs = 5 * 60_000;
/** Older events are refused: rollups of closed periods stay put, and retries cannot resurrect old keys. */
const maxAgeDays = 30;
const dayMs = 86_400_000;

/** Optional text: trimmed, empty means absent. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => value || null);

/** One event of a batch; `now` is the batch's reception time, the reference for `occurredAt`. */
const eventInput = (now: Date) =>
  z.object({
    idempotencyKey: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    occurredAt: z
      .date()
      .refine((date) => date.getTime() <= now.getTime() + clockSkewMs, 'must not be in the future')
      .refine((date) => date.getTime() >= now.getTime() - maxAgeDays * dayMs, `must be at most ${maxAgeDays} days old`)
      .nullish(),
    data: jsonObjectSchema(16 * 1024).nullish(),
    userId: idSchema.nullish(),
    customerId: idSchema.nullish(),
    sessionId: optionalText(200),
    pageUrl: optionalText(2048),
    pageTitle: optionalText(500),
    referrer: optionalText(2048),
    device: optionalText(100),
    browser: optionalText(100),
    os: optionalText(100),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code')
      .nullish(),
    tenantId: z.string().nullish(),
  });
type EventInput = z.infer<ReturnType<typeof eventInput>>;

const batchInput = (now: Date) =>
  z
    .array(eventInput(now))
    .min(1, 'must contain at least one event')
    .max(maxBatchSize, `must contain at most ${maxBatchSize} events`);

/**
 * The whole batch checked before anything is written: the first problem is BAD_USER_INPUT with its
 * path (`events`, `events.3.occurredAt`); a tenant the caller may not write to is NOT_FOUND.
 */
export function parseEventBatch(identity: Identity, events: unknown, now: Date): NewEvent[] {
  const parsed = parseInput(batchInput(now), events, 'events');
  return parsed.map((event, index) =>
    toNewEvent(event, targetTenantId(identity, event.tenantId, `events.${index}.tenantId`), now),
  );
}

function toNewEvent(event: EventInput, tenantId: string, now: Date): NewEvent {
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
