import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { formatCount } from '../ui/format.ts';
import { KpiCard } from '../ui/KpiCard.tsx';
import { LoadingState } from '../ui/States.tsx';
import { SeriesChart } from './SeriesChart.tsx';
import { seriesTotal, type WidgetSpec } from './series-window.ts';
import { useEventSeries } from './use-event-series.ts';

/** One dashboard widget: a number for `number` widgets, bars for `bar`, otherwise an area chart. */
export function DashboardWidget({ spec }: { spec: WidgetSpec }) {
  const { points, loading, error } = useEventSeries(spec);
  const period = spec.granularity === 'HOUR' ? 'hours' : 'days';
  if (error) return <ErrorBanner error={error} title={`${spec.title} could not be loaded`} />;
  if (!points) return loading ? <LoadingState label={`Loading ${spec.title}…`} /> : null;
  if (spec.type === 'number')
    return (
      <dl>
        <KpiCard label={spec.title} value={formatCount(seriesTotal(points))} note={`last ${points.length} ${period}`} />
      </dl>
    );
  return (
    <SeriesChart title={spec.title} points={points} kind={spec.type === 'bar' ? 'bar' : 'area'} periodLabel={period} />
  );
}
