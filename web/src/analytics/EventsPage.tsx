import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { useSearchParamState } from '../ui/use-search-param.ts';
import { useSignedInUser } from '../auth/session-context.ts';
import type { MetricGranularity } from '../generated/operations.ts';
import { RankingChart } from '../ui/charts.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { formatCount } from '../ui/format.ts';
import { KpiCard, KpiGrid } from '../ui/KpiCard.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { LoadingState } from '../ui/States.tsx';
import { analyticsSummaryQuery } from './analytics-operations.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { TrendsPanel } from './TrendsPanel.tsx';
import { useEventSeries } from './use-event-series.ts';

const granularities: { value: MetricGranularity; label: string; period: string }[] = [
  { value: 'HOUR', label: 'By hour', period: 'hours' },
  { value: 'DAY', label: 'By day', period: 'days' },
];

/** The tenant's events: figures, the series by hour or day (optionally of one event), top events. */
export function EventsPage() {
  const user = useSignedInUser();
  const [params, set] = useSearchParamState();
  const eventId = useId();
  const granularity = params.get('by') === 'hour' ? 'HOUR' : 'DAY';
  const eventName = params.get('event') ?? '';
  const summary = useQuery(analyticsSummaryQuery, {
    variables: { tenantId: user.tenant?.id ?? '' },
    skip: !user.tenant,
  });
  const series = useEventSeries({ granularity, eventName });
  const analytics = summary.data?.tenant?.analytics;
  const chosen = granularities.find((choice) => choice.value === granularity) ?? granularities[1];
  return (
    <section>
      <PageHeader title="Events" description="What happens in your tenant's applications, from ingested events." />
      {summary.error && <ErrorBanner error={summary.error} />}
      {analytics ? (
        <KpiGrid label="Event figures">
          <KpiCard label="Events, last 24 h" value={formatCount(analytics.eventsLast24h)} />
          <KpiCard label="Events, last 30 days" value={formatCount(analytics.eventsLast30d)} />
          <KpiCard label="Unique users, 30 days" value={formatCount(analytics.uniqueUsers30d)} />
          <KpiCard label="Events stored" value={formatCount(analytics.totalEvents)} />
        </KpiGrid>
      ) : (
        summary.loading && <LoadingState label="Loading figures…" />
      )}
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <fieldset className="flex gap-1" aria-label="Granularity">
          {granularities.map((choice) => (
            <label
              key={choice.value}
              className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm has-focus-visible:outline-2 has-focus-visible:outline-indigo-600 ${choice.value === granularity ? 'border-indigo-700 bg-indigo-50 font-medium text-indigo-800' : 'border-slate-300 bg-white'}`}
            >
              <input
                type="radio"
                name="granularity"
                className="sr-only"
                checked={choice.value === granularity}
                onChange={() => set('by', choice.value === 'HOUR' ? 'hour' : '')}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <label htmlFor={eventId} className="text-sm font-medium text-slate-800">
          Event
          <select
            id={eventId}
            value={eventName}
            onChange={(event) => set('event', event.target.value)}
            className="mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          >
            <option value="">Every event</option>
            {analytics?.topEvents.map((top) => (
              <option key={top.name} value={top.name}>
                {top.name}
              </option>
            ))}
            {eventName && !analytics?.topEvents.some((top) => top.name === eventName) && (
              <option value={eventName}>{eventName}</option>
            )}
          </select>
        </label>
      </div>
      {series.error && <ErrorBanner error={series.error} />}
      {!series.points && series.loading && <LoadingState label="Loading the series…" />}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {series.points && (
            <SeriesChart
              title={`${eventName || 'All events'} ${granularity === 'HOUR' ? 'per hour' : 'per day'}`}
              points={series.points}
              kind={granularity === 'HOUR' ? 'bar' : 'area'}
              periodLabel={chosen?.period ?? 'days'}
            />
          )}
        </div>
        {analytics && (
          <RankingChart
            title="Top events, 30 days"
            rows={analytics.topEvents.map((top) => ({ label: top.name, value: top.count }))}
            valueLabel="Events"
          />
        )}
      </div>
      <div className="mt-4 max-w-xl">
        <TrendsPanel interval={granularity} eventName={eventName} />
      </div>
    </section>
  );
}
