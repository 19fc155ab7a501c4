import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import type { TrendInterval } from '../generated/operations.ts';
import { RankingChart } from '../ui/charts.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { PickerSelect } from '../ui/FormField.tsx';
import { useSearchParamState } from '../ui/use-search-param.ts';
import { trendsQuery } from './analytics-operations.ts';
import { seriesWindow } from './series-window.ts';
import { breakdownChoices } from './widget-form.ts';
import { trendTotals } from './widget-result.ts';

/** The trend of the chosen event over the chart's window, broken down by a property (kept in the URL). */
export function TrendsPanel({ interval, eventName }: { interval: TrendInterval; eventName: string }) {
  const [params, set] = useSearchParamState();
  const breakdown = breakdownChoices.find((choice) => choice.value === params.get('breakdown'))?.value;
  const window = useMemo(() => seriesWindow(interval === 'HOUR' ? 'HOUR' : 'DAY', new Date()), [interval]);
  const trend = useQuery(trendsQuery, {
    variables: { query: { interval, ...window, event: eventName || null, breakdown, breakdownLimit: 5 } },
  });
  const label = breakdownChoices.find((choice) => choice.value === breakdown)?.label;
  return (
    <div>
      <PickerSelect
        label="Breakdown"
        value={breakdown ?? ''}
        onChange={(value) => set('breakdown', value)}
        options={breakdownChoices}
        emptyLabel="None"
      />
      {trend.error && <ErrorBanner error={trend.error} />}
      {trend.data && (
        <RankingChart
          title={`${eventName || 'All events'}${label ? ` by ${label.toLowerCase()}` : ', in all'}`}
          rows={trendTotals(trend.data.trends.series)}
          valueLabel="Events"
          color="#4338ca"
        />
      )}
    </div>
  );
}
