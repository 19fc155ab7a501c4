import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { DashboardCardFragment, UpdateDashboardInput } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { swapWithNeighbour } from '../ui/list-order.ts';
import { MoveButton } from '../ui/MoveButton.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useFocusAfterChange } from '../ui/use-focus-after-change.ts';
import { dashboardWidgetResultsQuery, updateDashboardMutation } from './analytics-operations.ts';
import { DashboardDetailsForm, WidgetForm } from './DashboardForms.tsx';
import { widgetSpec } from './series-window.ts';
import { emptyWidgetForm, widgetFormValues, widgetJson } from './widget-form.ts';

type Widget = Record<string, unknown>;
type Editing = { kind: 'details' } | { kind: 'widget'; index: number | null } | null;

/** The id of the arrow of the widget at `index` (after it moved `shift` places). */
const moveId = (index: number, shift: number, step: -1 | 1) => `widget-${index + shift}-${step === -1 ? 'up' : 'down'}`;

/** Saves a change of the dashboard at once (optimistically); its widget results are computed again. */
function useDashboardSave(dashboard: DashboardCardFragment) {
  const toast = useToast();
  const [update] = useMutation(updateDashboardMutation);
  return (input: UpdateDashboardInput, done: string) =>
    update({
      variables: { id: dashboard.id, input },
      optimisticResponse: {
        __typename: 'Mutation',
        updateDashboard: { ...dashboard, ...input, name: input.name ?? dashboard.name } as DashboardCardFragment,
      },
      refetchQueries: [{ query: dashboardWidgetResultsQuery, variables: { id: dashboard.id } }],
    }).then(() => toast(done));
}

function WidgetRow(props: {
  widget: Widget;
  index: number;
  count: number;
  onMove: (step: -1 | 1) => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { widget, index, count } = props;
  const spec = widgetSpec(widget);
  const move = (step: -1 | 1, symbol: string, label: string) => (
    <MoveButton
      id={moveId(index, 0, step)}
      label={`Move ${spec.title} ${label}`}
      symbol={symbol}
      possible={index + step >= 0 && index + step < count}
      onMove={() => props.onMove(step)}
    />
  );
  return (
    <li className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
      <span className="text-sm">
        <span className="font-medium text-slate-900">{spec.title}</span>{' '}
        <span className="text-slate-600">· {spec.type}</span>
      </span>
      <span className="flex gap-1">
        {move(-1, '↑', 'earlier')}
        {move(1, '↓', 'later')}
        <Button variant="secondary" className="px-2 py-0.5" aria-label={`Edit ${spec.title}`} onClick={props.onEdit}>
          Edit
        </Button>
        <Button
          variant="dangerQuiet"
          className="px-2 py-0.5"
          aria-label={`Remove ${spec.title}`}
          onClick={props.onRemove}
        >
          Remove
        </Button>
      </span>
    </li>
  );
}

function EditPanel({
  dashboard,
  editing,
  close,
}: {
  dashboard: DashboardCardFragment;
  editing: Editing;
  close: () => void;
}) {
  const save = useDashboardSave(dashboard);
  const widgets = dashboard.widgets;
  if (editing?.kind === 'details')
    return (
      <DashboardDetailsForm
        title="Dashboard details"
        submitLabel="Save details"
        initial={{ name: dashboard.name, description: dashboard.description ?? '', isPublic: dashboard.isPublic }}
        onSave={(values) => save({ ...values, description: values.description || null }, 'Dashboard saved').then(close)}
        onCancel={close}
      />
    );
  if (editing?.kind !== 'widget') return null;
  const { index } = editing;
  const original = index === null ? undefined : widgets[index];
  return (
    <WidgetForm
      title={original ? `Edit ${widgetSpec(original).title}` : 'New widget'}
      submitLabel={original ? 'Save widget' : 'Add widget'}
      initial={original ? widgetFormValues(original) : emptyWidgetForm}
      onSave={(values) => {
        const widget = widgetJson(values, original);
        const next = index === null ? [...widgets, widget] : widgets.map((each, at) => (at === index ? widget : each));
        return save({ widgets: next }, `Widget ${values.title} saved`).then(close);
      }}
      onCancel={close}
    />
  );
}

/** An ADMIN's editor of one dashboard: its details, and its widgets added, edited, reordered or removed. */
export function DashboardEditor({ dashboard, onClose }: { dashboard: DashboardCardFragment; onClose: () => void }) {
  const toast = useToast();
  const save = useDashboardSave(dashboard);
  const [editing, setEditing] = useState<Editing>(null);
  const focusAfterMove = useFocusAfterChange(dashboard.widgets);
  const widgets = dashboard.widgets;
  const failed = (error: Error) => toast(`Not saved: ${error.message}`, 'error');
  const move = (index: number, step: -1 | 1) => {
    const next = swapWithNeighbour(widgets, index, step);
    if (!next) return;
    focusAfterMove(moveId(index, step, step));
    void save({ widgets: next }, 'Widget moved').catch(failed);
  };
  const remove = (index: number) =>
    void save({ widgets: widgets.filter((_, at) => at !== index) }, 'Widget removed').catch(failed);
  return (
    <section aria-label="Edit dashboard" className="mb-6 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">Edit dashboard</h2>
        <span className="flex gap-2">
          <Button variant="secondary" onClick={() => setEditing({ kind: 'details' })}>
            Rename
          </Button>
          <Button variant="secondary" onClick={() => setEditing({ kind: 'widget', index: null })}>
            Add widget
          </Button>
          <Button onClick={onClose}>Done</Button>
        </span>
      </div>
      <EditPanel dashboard={dashboard} editing={editing} close={() => setEditing(null)} />
      <ol aria-label="Widgets" className="space-y-1">
        {widgets.map((widget, index) => (
          <WidgetRow
            // biome-ignore lint/suspicious/noArrayIndexKey: widgets have no id; their place is their identity
            key={index}
            widget={widget}
            index={index}
            count={widgets.length}
            onMove={(step) => move(index, step)}
            onEdit={() => setEditing({ kind: 'widget', index })}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
    </section>
  );
}
