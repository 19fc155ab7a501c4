import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSignedInUser } from '../auth/session-context.ts';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApiForm } from '../ui/use-api-form.ts';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { createDashboardMutation, dashboardsQuery } from './analytics-operations.ts';
import { dashboardFormSchema, dashboardInput, emptyDashboardForm } from './dashboard-form.ts';
import { widgetTypes } from './series-window.ts';

const fieldNames = [
  'name',
  'description',
  'isPublic',
  'widgetTitle',
  'widgetType',
  'granularity',
  'eventName',
] as const;

function NewDashboard({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [create] = useMutation(createDashboardMutation);
  const { form, panel } = useApiForm({
    schema: dashboardFormSchema,
    defaultValues: emptyDashboardForm,
    fields: fieldNames,
    save: async (values) => {
      await create({
        variables: { input: dashboardInput(values) },
        update: (cache, { data }) => {
          if (data) appendToConnection(cache, 'dashboards', data.createDashboard, 'DashboardEdge', 'start');
        },
      });
      toast(`Dashboard ${values.name} created`);
      onDone();
    },
  });
  return (
    <FormPanel title="New dashboard" submitLabel="Create dashboard" {...panel} onCancel={onDone}>
      <TextField form={form} name="name" label="Name" />
      <TextField form={form} name="description" label="Description" />
      <label className="mb-4 flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" {...form.register('isPublic')} /> Public: every member of the tenant may see it
      </label>
      <fieldset className="mb-4 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">First widget</legend>
        <TextField form={form} name="widgetTitle" label="Widget title" />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField
            form={form}
            name="widgetType"
            label="Widget type"
            options={widgetTypes.map((type) => ({ value: type, label: type }))}
          />
          <SelectField
            form={form}
            name="granularity"
            label="Per"
            options={[
              { value: 'DAY', label: 'Day' },
              { value: 'HOUR', label: 'Hour' },
            ]}
          />
          <TextField form={form} name="eventName" label="Event name" hint="Empty: every event" />
        </div>
      </fieldset>
    </FormPanel>
  );
}

/** Dashboards of the tenant (a CLIENT sees the public ones and its own); ADMINs create them. */
export function DashboardsPage() {
  const user = useSignedInUser();
  const { data, loading, error } = useQuery(dashboardsQuery);
  const [creating, setCreating] = useState(false);
  const dashboards = data?.dashboards.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader
        title="Dashboards"
        description="Saved sets of charts over your events."
        actions={user.role === 'ADMIN' && <Button onClick={() => setCreating(true)}>New dashboard</Button>}
      />
      {error && <ErrorBanner error={error} />}
      {creating && <NewDashboard onDone={() => setCreating(false)} />}
      {!data && loading && <LoadingState label="Loading dashboards…" />}
      {data && dashboards.length === 0 && <EmptyState title="No dashboards yet" />}
      <ul aria-label="Dashboards" className="grid gap-3 md:grid-cols-3">
        {dashboards.map((dashboard) => (
          <li key={dashboard.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <Link to={`/analytics/dashboards/${dashboard.id}`} className="font-medium text-indigo-700 hover:underline">
              {dashboard.name}
            </Link>
            <p className="text-sm text-slate-700">{dashboard.description}</p>
            <p className="mt-1 text-xs text-slate-600">
              {dashboard.widgets.length} widget{dashboard.widgets.length === 1 ? '' : 's'} ·{' '}
              {dashboard.isPublic ? 'Public' : 'Private'} · updated {formatDateTime(dashboard.updatedAt)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
