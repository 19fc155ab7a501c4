import type { MetricGranularity } from '../generated/operations.ts';

/** How far back each granularity looks: two days of hours, thirty days of days. */
export const periodsShown: Record<MetricGranularity, number> = { HOUR: 48, DAY: 30 };
const periodMs: Record<MetricGranularity, number> = { HOUR: 3_600_000, DAY: 86_400_000 };

/** The window of a chart ending now: `from` at the start of the oldest period shown, `to` now (the current period included). */
export function seriesWindow(granularity: MetricGranularity, now: Date): { from: string; to: string } {
  const size = periodMs[granularity];
  const currentStart = Math.floor(now.getTime() / size) * size;
  return {
    from: new Date(currentStart - (periodsShown[granularity] - 1) * size).toISOString(),
    to: new Date(now.getTime() + 1).toISOString(),
  };
}

export interface ChartPoint {
  label: string;
  value: number;
}

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourLabel = new Intl.DateTimeFormat('en', { day: 'numeric', hour: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** Metric points (decimal strings) as chart points labelled in UTC. */
export const chartPoints = (
  points: readonly { periodStart: string; value: string }[],
  granularity: MetricGranularity,
): ChartPoint[] =>
  points.map((point) => ({
    label: (granularity === 'HOUR' ? hourLabel : dayLabel).format(new Date(point.periodStart)),
    value: Number(point.value),
  }));

export const widgetTypes = ['number', 'timeseries', 'bar', 'line', 'pie', 'table', 'trend', 'funnel'] as const;
export type WidgetType = (typeof widgetTypes)[number];

export interface WidgetSpec {
  type: WidgetType;
  metric: string;
  title: string;
  granularity: MetricGranularity;
  eventName: string | null;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** A stored widget's `query` object (empty when it has none). */
export const storedQuery = (widget: Record<string, unknown>) => record(widget.query);

/**
 * A stored widget (free JSON) read defensively: its `query` first, then the settings widgets kept
 * before queries existed; unknown settings fall back to a daily event count.
 */
export function widgetSpec(widget: Record<string, unknown>): WidgetSpec {
  const type = widgetTypes.find((candidate) => candidate === widget.type) ?? 'timeseries';
  const query = storedQuery(widget);
  return {
    type,
    metric: text(widget.metric) ?? 'events.count',
    title: text(widget.title) ?? 'Untitled widget',
    granularity: (query.granularity ?? widget.granularity) === 'HOUR' ? 'HOUR' : 'DAY',
    eventName: text(query.eventName ?? query.event ?? record(widget.dimensions).name),
  };
}

/** The total of a series, for number widgets. */
export const seriesTotal = (points: readonly ChartPoint[]) => points.reduce((sum, point) => sum + point.value, 0);
