import { itBoundsTextByItsColumn } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { columnLimits } from './generated/column-limits.ts';
import { columnText } from './limits.ts';

/** Every text an input writes (or a filter matches), with its column. */
const textColumns = {
  'Event.idempotencyKey': columnText.idempotencyKey,
  'EventIdempotencyKey.idempotencyKey': columnText.idempotencyKey,
  'Event.name': columnText.eventName,
  'Event.name (filter)': columnText.eventNameFilter,
  'Event.sessionId': columnText.sessionId,
  'Event.sessionId (filter)': columnText.sessionIdFilter,
  'Event.pageUrl': columnText.pageUrl,
  'Event.pageTitle': columnText.pageTitle,
  'Event.referrer': columnText.referrer,
  'Event.device': columnText.device,
  'Event.browser': columnText.browser,
  'Event.os': columnText.os,
  'Dashboard.name': columnText.dashboardName,
  'Dashboard.name (filter)': columnText.dashboardNameFilter,
  'Dashboard.description': columnText.dashboardDescription,
};

describe('Analytics inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(columnLimits, textColumns);

  it('keeps idempotency keys exactly as sent', () => {
    expect(columnText.idempotencyKey.parse(' key ')).toBe(' key ');
  });
});
