import { expect, test } from 'vitest';
import { widgetFormSchema, widgetFormValues, widgetJson } from './widget-form.ts';

const parse = (values: Record<string, unknown>) =>
  widgetFormSchema.parse({
    title: 'Signups',
    type: 'trend',
    granularity: 'DAY',
    eventName: 'signup',
    interval: 'WEEK',
    breakdown: 'country',
    lastDays: '90',
    ...values,
  });

test('a trend widget stores the trends input over its last days, and reads back into the form', () => {
  const widget = widgetJson(parse({}));
  expect(widget).toEqual({
    type: 'trend',
    metric: 'events.count',
    title: 'Signups',
    query: { interval: 'WEEK', lastDays: 90, event: 'signup', breakdown: 'country', breakdownLimit: 5 },
  });
  expect(widgetFormValues(widget)).toMatchObject({
    type: 'trend',
    interval: 'WEEK',
    breakdown: 'country',
    lastDays: '90',
    eventName: 'signup',
  });
});

test('a series widget stores its query; legacy settings are read, then replaced; unknown settings stay', () => {
  const legacy = {
    type: 'bar',
    metric: 'events.count',
    title: 'Old',
    granularity: 'HOUR',
    dimensions: { name: 'x' },
    colour: 'red',
  };
  expect(widgetFormValues(legacy)).toMatchObject({ type: 'bar', granularity: 'HOUR', eventName: 'x' });
  expect(widgetJson(parse({ type: 'bar', granularity: 'HOUR', eventName: 'x' }), legacy)).toEqual({
    type: 'bar',
    metric: 'events.count',
    title: 'Signups',
    colour: 'red',
    query: { granularity: 'HOUR', eventName: 'x' },
  });
});

test('a funnel keeps its query while it stays a funnel', () => {
  const funnel = { type: 'funnel', metric: 'events.count', title: 'F', query: { steps: [{ event: 'a' }] } };
  expect(widgetJson(parse({ type: 'funnel' }), funnel)).toMatchObject({ query: funnel.query });
  expect(widgetJson(parse({ type: 'timeseries' }), funnel).query).toEqual({ granularity: 'DAY', eventName: 'signup' });
});

test('the last days run from 1 to 366', () => {
  expect(widgetFormSchema.safeParse({ ...parse({}), lastDays: '0' }).success).toBe(false);
  expect(widgetFormSchema.safeParse({ ...parse({}), lastDays: '367' }).success).toBe(false);
});
