import { describe, expect, test } from 'vitest';
import { chartPoints, seriesTotal, seriesWindow, widgetSpec } from './series-window.ts';

describe('event series', () => {
  const now = new Date('2026-03-10T15:42:10.000Z');

  test('hourly charts show 48 hours, daily charts 30 days, both ending with the current period', () => {
    expect(seriesWindow('HOUR', now)).toEqual({ from: '2026-03-08T16:00:00.000Z', to: '2026-03-10T15:42:10.001Z' });
    expect(seriesWindow('DAY', now)).toEqual({ from: '2026-02-09T00:00:00.000Z', to: '2026-03-10T15:42:10.001Z' });
  });

  test('points are labelled in UTC and their decimal values become numbers', () => {
    const points = [
      { periodStart: '2026-03-10T14:00:00.000Z', value: '3.0000' },
      { periodStart: '2026-03-10T15:00:00.000Z', value: '0' },
    ];
    expect(chartPoints(points, 'HOUR')).toEqual([
      { label: '10, 14', value: 3 },
      { label: '10, 15', value: 0 },
    ]);
    expect(chartPoints(points.slice(0, 1), 'DAY')).toEqual([{ label: 'Mar 10', value: 3 }]);
    expect(seriesTotal(chartPoints(points, 'DAY'))).toBe(3);
  });

  test('stored widgets are read with defaults for what they leave out', () => {
    expect(
      widgetSpec({
        type: 'bar',
        metric: 'events.count',
        granularity: 'HOUR',
        dimensions: { name: 'purchase' },
        title: 'P',
      }),
    ).toEqual({ type: 'bar', metric: 'events.count', granularity: 'HOUR', eventName: 'purchase', title: 'P' });
    expect(widgetSpec({ type: 'weird' })).toEqual({
      type: 'timeseries',
      metric: 'events.count',
      granularity: 'DAY',
      eventName: null,
      title: 'Untitled widget',
    });
  });
});
