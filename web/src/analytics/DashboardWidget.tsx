import { formatCount } from '../ui/format.ts';
import { RankingChart } from '../ui/charts.tsx';
import { KpiCard } from '../ui/KpiCard.tsx';
import { EmptyState } from '../ui/States.tsx';
import { InsightWidget } from './InsightWidget.tsx';
import { SeriesChart } from './SeriesChart.tsx';
import { chartPoints, type WidgetSpec } from './series-window.ts';
import { trendTotals, type WidgetResult } from './widget-result.ts';

type TrendResult = Extract<WidgetResult, { kind: 'trend' }>;

/** A trend widget: one series over its periods, or (broken down) each value's total, ranked. */
function TrendWidget({ title, result }: { title: string; result: TrendResult }) {
  const [only] = result.series;
  if (result.series.length > 1 || !only || only.breakdownValue != null)
    return <RankingChart title={title} rows={trendTotals(result.series)} valueLabel="Events" color="#4338ca" />;
  const points = result.periods.map((periodStart, index) => ({ periodStart, value: only.values[index] ?? '0' }));
  return <SeriesChart title={title} points={chartPoints(points, 'DAY')} kind="bar" periodLabel="periods" />;
}

/**
 * One dashboard widget from its computed result: a number for `number` widgets, bars for `bar`, an
 * area chart for other series, tables for funnels, retention and paths.
 */
export function DashboardWidget({ spec, result }: { spec: WidgetSpec; result: WidgetResult | null }) {
  if (!result) return <EmptyState title={`${spec.title}: no query set up`} />;
  if (result.kind === 'trend') return <TrendWidget title={spec.title} result={result} />;
  if (result.kind !== 'series') return <InsightWidget title={spec.title} result={result} />;
  const period = result.granularity === 'HOUR' ? 'hours' : 'days';
  if (spec.type === 'number')
    return (
      <dl>
        <KpiCard label={spec.title} value={formatCount(result.total)} note={`last ${result.points.length} ${period}`} />
      </dl>
    );
  return (
    <SeriesChart
      title={spec.title}
      points={chartPoints(result.points, result.granularity)}
      kind={spec.type === 'bar' ? 'bar' : 'area'}
      periodLabel={period}
    />
  );
}
