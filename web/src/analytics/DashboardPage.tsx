import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { MissingRecord } from '../ui/MissingRecord.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { dashboardsQuery } from './analytics-operations.ts';
import { DashboardWidget } from './DashboardWidget.tsx';
import { widgetSpec } from './series-window.ts';

/** One dashboard with its widgets, each charting its metric. */
export function DashboardPage() {
  const { dashboardId = '' } = useParams();
  // The list is small (at most 100) and usually cached from the dashboards screen.
  const { data, loading, error } = useQuery(dashboardsQuery);
  const dashboard = data?.dashboards.edges.find((edge) => edge.node.id === dashboardId)?.node;
  if (!data && loading) return <LoadingState label="Loading dashboard…" />;
  if (!dashboard)
    return (
      <MissingRecord noun="dashboard" error={error} backTo="/analytics/dashboards" backLabel="Back to dashboards" />
    );
  return (
    <section>
      <PageHeader
        title={dashboard.name}
        description={
          <>
            <Link to="/analytics/dashboards" className="text-indigo-700 underline">
              ← Dashboards
            </Link>
            {dashboard.description ? ` · ${dashboard.description}` : ''} · {dashboard.isPublic ? 'Public' : 'Private'}
          </>
        }
      />
      {dashboard.widgets.length === 0 && <EmptyState title="This dashboard has no widgets" />}
      <div className="grid gap-4 lg:grid-cols-2">
        {dashboard.widgets.map((widget, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: widgets have no id; their order is their identity
          <DashboardWidget key={index} spec={widgetSpec(widget)} />
        ))}
      </div>
    </section>
  );
}
