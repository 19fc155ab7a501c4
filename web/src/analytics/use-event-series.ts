import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import type { MetricGranularity } from '../generated/operations.ts';
import { eventSeriesQuery } from './analytics-operations.ts';
import { chartPoints, seriesWindow } from './series-window.ts';

/** A metric's series for the window ending now (fixed when the screen opens, so it is not refetched per render). */
export function useEventSeries(options: {
  metric?: string;
  granularity: MetricGranularity;
  eventName?: string | null;
}) {
  const { metric = 'events.count', granularity, eventName } = options;
  const window = useMemo(() => seriesWindow(granularity, new Date()), [granularity]);
  const result = useQuery(eventSeriesQuery, {
    variables: { metric, granularity, ...window, eventName: eventName || null },
  });
  const points = useMemo(
    () => (result.data ? chartPoints(result.data.metricSeries, granularity) : undefined),
    [result.data, granularity],
  );
  return { ...result, points };
}
