import { Area, AreaChart, Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../ui/charts.tsx';
import { formatCount } from '../ui/format.ts';
import { type ChartPoint, seriesTotal } from './series-window.ts';

/** A metric series (hours or days) as bars or an area, its total as the summary screen readers hear. */
export function SeriesChart({
  title,
  points,
  kind = 'area',
  periodLabel,
}: {
  title: string;
  points: readonly ChartPoint[];
  kind?: 'area' | 'bar';
  periodLabel: string;
}) {
  const summary = `${formatCount(seriesTotal(points))} in the last ${points.length} ${periodLabel}`;
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#475569' }} interval="preserveStartEnd" minTickGap={24} />
      <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} />
      <Tooltip />
    </>
  );
  return (
    <ChartFrame title={title} summary={summary} height="h-56">
      {kind === 'bar' ? (
        <BarChart data={[...points]} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          {axes}
          <Bar dataKey="value" name="Events" fill="#4338ca" />
        </BarChart>
      ) : (
        <AreaChart data={[...points]} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          {axes}
          <Area type="monotone" dataKey="value" name="Events" stroke="#4338ca" fill="#4338ca" fillOpacity={0.15} />
        </AreaChart>
      )}
    </ChartFrame>
  );
}
