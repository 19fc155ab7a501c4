import { badInput } from '@codex/kit';
import { z } from 'zod';

/**
 * Every bound this service puts on its inputs, in one place (the generated column limits of the
 * Prisma schema can replace the text lengths here).
 */
export const analyticsLimits = {
  /** Text lengths, in characters. */
  text: {
    idempotencyKey: 200,
    eventName: 200,
    sessionId: 200,
    pageUrl: 2048,
    pageTitle: 500,
    referrer: 2048,
    device: 100,
    browser: 100,
    os: 100,
    metric: 100,
    tenantId: 64,
    dashboardName: 200,
    dashboardDescription: 2000,
    dashboardNameFilter: 200,
  },
  /** JSON sizes, in characters of their serialisation. */
  json: { eventData: 16 * 1024, widget: 8 * 1024 },
  widgetsPerDashboard: 50,
  eventsPerBatch: 1000,
  recentEventsPerCustomer: 100,
} as const;

/** The instants a `timestamptz` column of ours may hold: every later read can still print them as DateTime. */
export const storableDates = {
  earliest: new Date('1900-01-01T00:00:00.000Z'),
  latest: new Date('9999-12-31T23:59:59.999Z'),
} as const;

export const isStorableDate = (date: Date) =>
  !Number.isNaN(date.getTime()) &&
  date.getTime() >= storableDates.earliest.getTime() &&
  date.getTime() <= storableDates.latest.getTime();

/** A date this service would store or compare against stored ones, else BAD_USER_INPUT on `field`. */
export function storableDate(date: Date, field: string): Date {
  if (!isStorableDate(date)) throw badInput(`${field}: must be between 1900-01-01 and 9999-12-31T23:59:59.999Z`, field);
  return date;
}

/** Text without U+0000 (PostgreSQL text cannot hold it), at most `max` characters. */
export const boundedText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
