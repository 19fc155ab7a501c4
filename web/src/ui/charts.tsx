import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatDay } from './format.ts';

// Recharts is only imported by lazily loaded screens, so it stays out of the initial bundle.

/** A titled chart with its summary as the caption and as what screen readers hear; `height` is a Tailwind class. */
export function ChartFrame({
  title,
  summary,
  height = 'h-44',
  children,
}: {
  title: string;
  summary: string;
  height?: string;
  children: React.ReactElement;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex items-baseline justify-between">
        <span className="text-sm font-medium text-slate-800">{title}</span>
        <span className="text-xs text-slate-600">{summary}</span>
      </figcaption>
      <div className={height} role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** A 30-day series (one point per UTC day) as an area chart, with its total as the summary. */
export function DailySeriesChart({
  title,
  series,
  color = '#4338ca',
}: {
  title: string;
  series: readonly { day: string; count: number }[];
  color?: string;
}) {
  const total = series.reduce((sum, point) => sum + point.count, 0);
  const data = series.map((point) => ({ day: formatDay(point.day), count: point.count }));
  return (
    <ChartFrame title={title} summary={`${formatCount(total)} in ${series.length} days`}>
      <AreaChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#475569' }} interval="preserveStartEnd" minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} />
        <Tooltip />
        <Area type="monotone" dataKey="count" name={title} stroke={color} fill={color} fillOpacity={0.15} />
      </AreaChart>
    </ChartFrame>
  );
}

/** Ranked values (top tenants, top events) as horizontal bars. */
export function RankingChart({
  title,
  rows,
  valueLabel,
  color = '#0f766e',
}: {
  title: string;
  rows: readonly { label: string; value: number }[];
  valueLabel: string;
  color?: string;
}) {
  const leader = rows[0];
  const summary = leader ? `${leader.label} leads with ${formatCount(leader.value)}` : 'no data yet';
  return (
    <ChartFrame title={title} summary={summary}>
      <BarChart data={[...rows]} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis type="number" tick={{ fontSize: 11, fill: '#475569' }} />
        <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 11, fill: '#475569' }} />
        <Tooltip />
        <Bar dataKey="value" name={valueLabel} fill={color} />
      </BarChart>
    </ChartFrame>
  );
}
