import { textSchema } from '@codex/kit';
import { columnLimits } from './generated/column-limits.ts';

/**
 * The bounds this service puts on its inputs that no column states: ids that are looked up,
 * widget settings (JSON), list and JSON sizes. Text that lands in a column is bounded by the column
 * (`columnText` below, from the generated `columnLimits`).
 */
export const analyticsLimits = {
  /** Text lengths, in characters. */
  text: { metric: 100, tenantId: 64, widgetTitle: 200 },
  /** JSON sizes, in characters of their serialisation. */
  json: { eventData: 16 * 1024, widget: 8 * 1024 },
  widgetsPerDashboard: 50,
  eventsPerBatch: 1000,
  recentEventsPerCustomer: 100,
} as const;

const { Event, Dashboard } = columnLimits;

/** Optional text: trimmed, empty means absent. */
const optionalText = (max: number) =>
  textSchema(max)
    .nullish()
    .transform((value) => value || null);

/** Text inputs that land in a column (or filter one), each bounded by that column's length. */
export const columnText = {
  /** Kept exactly as sent: a retry must match it byte for byte. */
  idempotencyKey: textSchema(Event.idempotencyKey, { min: 1, trim: false }),
  eventName: textSchema(Event.name, { min: 1 }),
  sessionId: optionalText(Event.sessionId),
  anonymousId: optionalText(Event.anonymousId),
  pageUrl: optionalText(Event.pageUrl),
  pageTitle: optionalText(Event.pageTitle),
  referrer: optionalText(Event.referrer),
  device: optionalText(Event.device),
  browser: optionalText(Event.browser),
  os: optionalText(Event.os),
  /** Filters match stored values exactly, as sent. */
  eventNameFilter: textSchema(Event.name, { trim: false }),
  sessionIdFilter: textSchema(Event.sessionId, { trim: false }),
  dashboardName: textSchema(Dashboard.name, { min: 1 }),
  dashboardDescription: textSchema(Dashboard.description),
  dashboardNameFilter: textSchema(Dashboard.name),
};
