import type { MetricGranularity } from '../generated/operations.ts';

/** A widget's result as `Dashboard.widgetResults` sends it (README, "Analytics insights"). */
export type WidgetResult =
  | { kind: 'series'; granularity: MetricGranularity; points: { periodStart: string; value: string }[]; total: number }
  | { kind: 'funnel'; steps: FunnelStepResult[] }
  | { kind: 'retention'; granularity: string; cohorts: { periodStart: string; size: number; retained: number[] }[] }
  | { kind: 'paths'; paths: { events: string[]; count: number }[] }
  | { kind: 'trend'; periods: string[]; series: TrendSeriesResult[] };

export interface TrendSeriesResult {
  breakdownValue?: string | null;
  isOther: boolean;
  values: readonly string[];
}

/** Each trend series' total, labelled ("Other", "(none)" for events without the property). */
export const trendTotals = (series: readonly TrendSeriesResult[]) =>
  series.map((one) => ({
    label: one.isOther ? 'Other' : (one.breakdownValue ?? '(none)'),
    value: one.values.reduce((sum, value) => sum + Number(value), 0),
  }));

export interface FunnelStepResult {
  name: string;
  entered: number;
  conversionRate: number | null;
}

const kinds = new Set(['series', 'funnel', 'retention', 'paths', 'trend']);

/** The result JSON read by its `kind`; anything else (or null: a widget without a query) is none. */
export const widgetResultOf = (json: Record<string, unknown> | null | undefined): WidgetResult | null =>
  json && typeof json.kind === 'string' && kinds.has(json.kind) ? (json as unknown as WidgetResult) : null;

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

/** "42%" of a rate, "–" when there is none. */
export const formatRate = (rate: number | null) => (rate === null ? '–' : percent.format(rate));
