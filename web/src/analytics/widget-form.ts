import { z } from 'zod';
import type { TrendInterval } from '../generated/operations.ts';
import { storedQuery, widgetSpec, widgetTypes } from './series-window.ts';

/** Analytics' widget limits (subgraphs/analytics/src/limits.ts), checked before sending. */
export const widgetLimits = { title: 200, eventName: 200, lastDays: 366 } as const;

export const trendIntervals = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const satisfies readonly TrendInterval[];
/** The built-in properties a trend breaks down by. */
export const breakdownChoices = [
  { value: 'browser', label: 'Browser' },
  { value: 'country', label: 'Country' },
  { value: 'device', label: 'Device' },
  { value: 'os', label: 'OS' },
] as const;
/** A trend widget's breakdown ('' for none). */
export const trendBreakdowns = ['', ...breakdownChoices.map((choice) => choice.value)] as const;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** One widget: a series of events per hour or day, or (type `trend`) the `trends` answer over the last days. */
export const widgetFormSchema = z.object({
  title: text(widgetLimits.title).min(1, 'Required'),
  type: z.enum(widgetTypes),
  granularity: z.enum(['HOUR', 'DAY']),
  eventName: text(widgetLimits.eventName),
  interval: z.enum(trendIntervals),
  breakdown: z.enum(trendBreakdowns),
  lastDays: z.coerce
    .number({ error: `A whole number from 1 to ${widgetLimits.lastDays}` })
    .int(`A whole number from 1 to ${widgetLimits.lastDays}`)
    .min(1, `A whole number from 1 to ${widgetLimits.lastDays}`)
    .max(widgetLimits.lastDays, `A whole number from 1 to ${widgetLimits.lastDays}`),
});

export type WidgetFormValues = z.input<typeof widgetFormSchema>;
export type WidgetValues = z.output<typeof widgetFormSchema>;

export const emptyWidgetForm: WidgetFormValues = {
  title: 'Events per day',
  type: 'timeseries',
  granularity: 'DAY',
  eventName: '',
  interval: 'DAY',
  breakdown: '',
  lastDays: '30',
};

const insightTypes = new Set(['funnel', 'retention', 'paths']);

/** A trend widget's stored query: the `trends` input, its period relative (`lastDays`, ending now). */
const trendQuery = (values: WidgetValues) => ({
  interval: values.interval,
  lastDays: values.lastDays,
  ...(values.eventName ? { event: values.eventName } : {}),
  ...(values.breakdown ? { breakdown: values.breakdown, breakdownLimit: 5 } : {}),
});

/**
 * The stored widget JSON for the form's values. Settings the form does not show are kept from
 * `original`; a funnel keeps its query while it stays a funnel.
 */
export function widgetJson(values: WidgetValues, original: Record<string, unknown> = {}): Record<string, unknown> {
  const { query, dimensions: _legacyName, granularity: _legacyGranularity, ...kept } = original;
  const base = { ...kept, type: values.type, metric: kept.metric ?? 'events.count', title: values.title };
  if (values.type === 'trend') return { ...base, query: trendQuery(values) };
  if (insightTypes.has(values.type)) return original.type === values.type && query ? { ...base, query } : base;
  return {
    ...base,
    query: { granularity: values.granularity, ...(values.eventName ? { eventName: values.eventName } : {}) },
  };
}

const stringOr = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

/** The form's values for a stored widget (new and legacy settings both read), to edit it. */
export function widgetFormValues(widget: Record<string, unknown>): WidgetFormValues {
  const spec = widgetSpec(widget);
  const query = storedQuery(widget);
  return {
    title: stringOr(widget.title, ''),
    type: spec.type,
    granularity: spec.granularity,
    eventName: spec.eventName ?? '',
    interval: trendIntervals.find((interval) => interval === query.interval) ?? 'DAY',
    breakdown: trendBreakdowns.find((breakdown) => breakdown === query.breakdown) ?? '',
    lastDays: String(typeof query.lastDays === 'number' ? query.lastDays : 30),
  };
}
