import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSignedInUser } from '../auth/session-context.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { MissingRecord } from '../ui/MissingRecord.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { dashboardsQuery, dashboardWidgetResultsQuery } from './analytics-operations.ts';
import { DashboardEditor } from './DashboardEditor.tsx';
import { DashboardWidget } from './DashboardWidget.tsx';
import { widgetSpec } from './series-window.ts';
import { widgetResultOf } from './widget-result.ts';

/** One dashboard with its widgets, each showing the result the server computed from its query; ADMINs edit it. */
export function DashboardPage() {
  const { dashboardId = '' } = useParams();
  const user = useSignedInUser();
  const [editing, setEditing] = useState(false);
  // The list is small (at most 100) and usually cached from the dashboards screen.
  const { data, loading, error } = useQuery(dashboardsQuery);
  const dashboard = data?.dashboards.edges.find((edge) => edge.node.id === dashboardId)?.node;
  const results = useQuery(dashboardWidgetResultsQuery, { variables: { id: dashboardId } });
  const widgetResults = results.data?.dashboard?.widgetResults;
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
        actions={user.role === 'ADMIN' && !editing && <Button onClick={() => setEditing(true)}>Edit dashboard</Button>}
      />
      {editing && <DashboardEditor dashboard={dashboard} onClose={() => setEditing(false)} />}
      {dashboard.widgets.length === 0 && <EmptyState title="This dashboard has no widgets" />}
      {results.error && <ErrorBanner error={results.error} title="Widget results could not be loaded" />}
      {!widgetResults && results.loading && <LoadingState label="Computing widgets…" />}
      <div className="grid gap-4 lg:grid-cols-2">
        {widgetResults?.map((widget) => (
          <DashboardWidget
            key={widget.index}
            spec={widgetSpec(dashboard.widgets[widget.index] ?? {})}
            result={widgetResultOf(widget.result)}
          />
        ))}
      </div>
    </section>
  );
}
