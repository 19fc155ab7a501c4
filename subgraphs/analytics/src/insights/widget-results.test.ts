import { describe, expect, it } from 'vitest';
import { retentionStart } from './retention.ts';
import { widgetQueryIssues } from './widget-results.ts';

const now = new Date('2026-12-06T12:00:00Z');

describe('widget queries', () => {
  it('a funnel query is checked against the funnel input, a relative period resolved at now', () => {
    expect(widgetQueryIssues('funnel', { steps: [{ name: 'a' }, { name: 'b' }], lastDays: 7 }, now)).toEqual([]);
    const [issue] = widgetQueryIssues('funnel', { steps: [{ name: 'a' }] }, now);
    expect(issue?.path).toEqual(['steps']);
    expect(issue?.message).toContain('funnel steps limit');
  });

  it('series widgets take a granularity and event name; widgets without a query pass', () => {
    expect(widgetQueryIssues('timeseries', { granularity: 'HOUR', eventName: 'signup' }, now)).toEqual([]);
    expect(widgetQueryIssues('number', { granularity: 'YEAR' }, now)[0]?.path).toEqual(['granularity']);
    expect(widgetQueryIssues('retention', undefined, now)).toEqual([]);
  });
});

describe('retention periods', () => {
  it('start on the UTC day, or on the Monday of the week', () => {
    const sunday = new Date('2026-12-06T15:30:00Z');
    expect(retentionStart(sunday, 'DAY').toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(retentionStart(sunday, 'WEEK').toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
