import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../ui/charts.tsx';
import { formatDay, formatMoneyList } from '../ui/format.ts';
import { type RevenueDay, revenueChartRows, revenueTotals } from './revenue-series.ts';

const colors = ['#7c3aed', '#be185d', '#0f766e', '#a16207'];

/** Paid revenue per UTC day, one area per currency (currencies are never added together). */
export function RevenueGrowthChart({ series }: { series: readonly RevenueDay[] }) {
  const totals = revenueTotals(series);
  const currencies = totals.map((total) => total.currency);
  const summary = totals.length
    ? `${formatMoneyList(totals)} in ${series.length} days`
    : `none in ${series.length} days`;
  const rows = revenueChartRows(series, currencies).map((row) => ({ ...row, day: formatDay(row.day) }));
  return (
    <ChartFrame title="Revenue paid" summary={summary}>
      <AreaChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#475569' }} interval="preserveStartEnd" minTickGap={24} />
        <YAxis tick={{ fontSize: 11, fill: '#475569' }} />
        <Tooltip />
        {currencies.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
        {currencies.map((currency, index) => (
          <Area
            key={currency}
            type="monotone"
            dataKey={currency}
            name={currency}
            stroke={colors[index % colors.length]}
            fill={colors[index % colors.length]}
            fillOpacity={0.15}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
}
