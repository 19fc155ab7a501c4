import { dateTimeSchema, parseInput } from '@codex/kit';
import { z } from 'zod';
import { periodStarts, readMetricSeries, type MetricGranularity } from '../metric-series.ts';
import { computeFunnel, funnelInputSchema } from './funnels.ts';
import { eventNameSchema, relativePeriod, type InsightSource } from './insight-source.ts';
import { computePaths, pathsInputSchema } from './paths.ts';
import { computeRetention, retentionInputSchema } from './retention.ts';
import { computeTrends } from './trends.ts';

export const seriesWidgetTypes = ['number', 'timeseries', 'bar', 'line', 'pie', 'table', 'trend'] as const;
export const insightWidgetTypes = ['funnel', 'retention', 'paths'] as const;
export const widgetTypes = [...seriesWidgetTypes, ...insightWidgetTypes] as const;

const isInsightType = (type: unknown): type is (typeof insightWidgetTypes)[number] =>
  insightWidgetTypes.includes(type as never);

/** A series widget's query: what the console has always stored beside it, now checkable. */
const seriesQuerySchema = z.object({
  granularity: z.enum(['HOUR', 'DAY']).default('DAY'),
  eventName: eventNameSchema.nullish(),
});

/**
 * A trend widget's query: the `trends` input (filters and limits are checked where they become SQL,
 * naming `query.*`). A `trend` widget stored without `interval` is a series of its metric, as before.
 */
const trendQuerySchema = z
  .object({
    event: eventNameSchema.nullish(),
    filters: z.array(z.unknown()).nullish(),
    measure: z.enum(['COUNT', 'UNIQUE_USERS', 'SUM', 'AVG', 'MIN', 'MAX']).nullish(),
    property: z.string().nullish(),
    interval: z.enum(['HOUR', 'DAY', 'WEEK', 'MONTH']),
    breakdown: z.string().nullish(),
    breakdownLimit: z.number().int().nullish(),
  })
  .and(z.object({ from: dateTimeSchema, to: dateTimeSchema }));

const isTrendQuery = (type: unknown, query: unknown) =>
  type === 'trend' && typeof query === 'object' && query !== null && 'interval' in query;

/** The query each widget type stores under `query`: the input of the insight it shows. */
const querySchemas = {
  funnel: funnelInputSchema,
  retention: retentionInputSchema,
  paths: pathsInputSchema,
} as const;

/** What is wrong with a widget's `query` for its type (relative periods resolved at `now`); none when absent. */
export function widgetQueryIssues(type: unknown, query: unknown, now: Date): readonly z.core.$ZodIssue[] {
  if (query === undefined) return [];
  if (isTrendQuery(type, query)) {
    const trend = trendQuerySchema.safeParse(relativePeriod(query, now));
    return trend.success ? [] : trend.error.issues;
  }
  const result = isInsightType(type)
    ? querySchemas[type].safeParse(relativePeriod(query, now))
    : seriesQuerySchema.safeParse(query);
  return result.success ? [] : result.error.issues;
}

/** How many periods a series widget shows, ending now (as the console has always drawn them). */
const periodsShown: Record<MetricGranularity, number> = { HOUR: 48, DAY: 30 };
const periodMs: Record<MetricGranularity, number> = { HOUR: 3_600_000, DAY: 86_400_000 };

type StoredWidget = Record<string, unknown>;

/** Settings of widgets stored before `query`: `granularity` and `dimensions.name` at the top. */
function seriesQueryOf(widget: StoredWidget) {
  if (widget.query !== undefined) return parseInput(seriesQuerySchema, widget.query, 'query');
  const dimensions = (widget.dimensions ?? {}) as Record<string, unknown>;
  return {
    granularity: widget.granularity === 'HOUR' ? ('HOUR' as const) : ('DAY' as const),
    eventName: typeof dimensions.name === 'string' && dimensions.name !== '' ? dimensions.name : null,
  };
}

async function seriesResult(source: InsightSource, widget: StoredWidget, now: Date) {
  const { granularity, eventName } = seriesQueryOf(widget);
  const size = periodMs[granularity];
  const from = new Date(Math.floor(now.getTime() / size) * size - (periodsShown[granularity] - 1) * size);
  const periods = periodStarts({ from, to: new Date(now.getTime() + 1), granularity });
  const metric = 'events.count';
  const points = await readMetricSeries(
    source.rows,
    { metric, granularity, eventName: eventName ?? null, tenantId: source.tenantId },
    periods,
  );
  const total = points.reduce((sum, point) => sum + Number(point.value), 0);
  return { kind: 'series', granularity, points, total };
}

async function insightResult(
  source: InsightSource,
  type: (typeof insightWidgetTypes)[number],
  query: unknown,
  now: Date,
) {
  const input = relativePeriod(query, now);
  if (type === 'funnel')
    return { kind: type, ...(await computeFunnel(source, parseInput(funnelInputSchema, input, 'query'))) };
  if (type === 'retention')
    return { kind: type, ...(await computeRetention(source, parseInput(retentionInputSchema, input, 'query'))) };
  return { kind: type, paths: await computePaths(source, parseInput(pathsInputSchema, input, 'query')) };
}

/** A widget as `Dashboard.widgetResults` lists it; `result` runs only when the field is asked for. */
export interface WidgetResultModel {
  index: number;
  type: string;
  title: string;
  result: () => Promise<Record<string, unknown> | null>;
}

/**
 * Each stored widget with its result over `source`. Widgets stored before queries existed keep
 * working: a series of their metric, or null for a funnel without a query.
 */
export const widgetResults = (widgets: unknown, source: InsightSource, now = new Date()): WidgetResultModel[] =>
  (Array.isArray(widgets) ? (widgets as StoredWidget[]) : []).map((widget, index) => ({
    index,
    type: String(widget.type ?? ''),
    title: String(widget.title ?? ''),
    result: async () => {
      if (isTrendQuery(widget.type, widget.query)) {
        const query = parseInput(trendQuerySchema, relativePeriod(widget.query, now), 'query');
        return { kind: 'trend', ...(await computeTrends(source, query as Parameters<typeof computeTrends>[1])) };
      }
      if (!isInsightType(widget.type)) return seriesResult(source, widget, now);
      return widget.query === undefined ? null : insightResult(source, widget.type, widget.query, now);
    },
  }));
