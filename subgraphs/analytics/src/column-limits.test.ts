import { itBoundsTextByItsColumn, type TextColumn } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { columnLimits } from './generated/column-limits.ts';
import { columnText } from './limits.ts';

const { Event, EventIdempotencyKey, Dashboard } = columnLimits;

/** Every text an input writes (or a filter matches), with its column. */
const textColumns: TextColumn[] = [
  ['Event.idempotencyKey', columnText.idempotencyKey, Event.idempotencyKey],
  ['EventIdempotencyKey.idempotencyKey', columnText.idempotencyKey, EventIdempotencyKey.idempotencyKey],
  ['Event.name', columnText.eventName, Event.name],
  ['Event.name (filter)', columnText.eventNameFilter, Event.name],
  ['Event.sessionId', columnText.sessionId, Event.sessionId],
  ['Event.sessionId (filter)', columnText.sessionIdFilter, Event.sessionId],
  ['Event.pageUrl', columnText.pageUrl, Event.pageUrl],
  ['Event.pageTitle', columnText.pageTitle, Event.pageTitle],
  ['Event.referrer', columnText.referrer, Event.referrer],
  ['Event.device', columnText.device, Event.device],
  ['Event.browser', columnText.browser, Event.browser],
  ['Event.os', columnText.os, Event.os],
  ['Dashboard.name', columnText.dashboardName, Dashboard.name],
  ['Dashboard.name (filter)', columnText.dashboardNameFilter, Dashboard.name],
  ['Dashboard.description', columnText.dashboardDescription, Dashboard.description],
];

describe('Analytics inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(textColumns);

  it('keeps idempotency keys exactly as sent', () => {
    expect(columnText.idempotencyKey.parse(' key ')).toBe(' key ');
  });
});
