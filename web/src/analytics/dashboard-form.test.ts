import { expect, test } from 'vitest';
import { dashboardFormSchema, dashboardInput, emptyDashboardForm } from './dashboard-form.ts';
import { widgetSpec } from './series-window.ts';

test('a dashboard form becomes a dashboard whose widget reads back as it was entered', () => {
  const values = dashboardFormSchema.parse({ ...emptyDashboardForm, name: ' Sales ', eventName: 'purchase' });
  const input = dashboardInput(values);
  expect(input).toMatchObject({ name: 'Sales', isPublic: false });
  expect(input.description).toBeUndefined();
  expect(widgetSpec(input.widgets?.[0] as Record<string, unknown>)).toEqual({
    type: 'timeseries',
    metric: 'events.count',
    title: 'Events per day',
    granularity: 'DAY',
    eventName: 'purchase',
  });
});

test('a dashboard needs a name and a widget title', () => {
  const result = dashboardFormSchema.safeParse({ ...emptyDashboardForm, widgetTitle: ' ' });
  expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual([
    'name',
    'widgetTitle',
  ]);
});
