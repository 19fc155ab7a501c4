import { useQuery } from '@apollo/client/react';
import { useId, useMemo } from 'react';
import type { TrendInterval } from '../generated/operations.ts';
import { RankingChart } from '../ui/charts.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { useSearchParamState } from '../ui/use-search-param.ts';
import { trendsQuery } from './analytics-operations.ts';
import { seriesWindow } from './series-window.ts';

const breakdowns = [
  { value: 'browser', label: 'Browser' },
  { value: 'country', label: 'Country' },
  { value: 'device', label: 'Device' },
  { value: 'os', label: 'OS' },
] as const;

/** Each series' total: what the ranking shows ("other" and events without the property named). */
const totals = (series: readonly { breakdownValue?: string | null; isOther: boolean; values: readonly string[] }[]) =>
  series.map((one) => ({
    label: one.isOther ? 'Other' : (one.breakdownValue ?? '(none)'),
    value: one.values.reduce((sum, value) => sum + Number(value), 0),
  }));

/** The trend of the chosen event over the chart's window, broken down by a property (kept in the URL). */
export function TrendsPanel({ interval, eventName }: { interval: TrendInterval; eventName: string }) {
  const [params, set] = useSearchParamState();
  const breakdownId = useId();
  const breakdown = breakdowns.find((choice) => choice.value === params.get('breakdown'))?.value ?? 'browser';
  const window = useMemo(() => seriesWindow(interval === 'HOUR' ? 'HOUR' : 'DAY', new Date()), [interval]);
  const trend = useQuery(trendsQuery, {
    variables: { query: { interval, ...window, event: eventName || null, breakdown, breakdownLimit: 5 } },
  });
  const label = breakdowns.find((choice) => choice.value === breakdown)?.label ?? breakdown;
  return (
    <div>
      <label htmlFor={breakdownId} className="mb-2 block text-sm font-medium text-slate-800">
        Breakdown
        <select
          id={breakdownId}
          value={breakdown}
          onChange={(event) => set('breakdown', event.target.value)}
          className="mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        >
          {breakdowns.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {trend.error && <ErrorBanner error={trend.error} />}
      {trend.data && (
        <RankingChart
          title={`${eventName || 'All events'} by ${label.toLowerCase()}`}
          rows={totals(trend.data.trends.series)}
          valueLabel="Events"
          color="#4338ca"
        />
      )}
    </div>
  );
}
