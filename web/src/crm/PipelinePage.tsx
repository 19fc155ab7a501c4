import { useMutation, useQuery } from '@apollo/client/react';
import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSignedInUser } from '../auth/session-context.ts';
import type { LeadCardFragment, PipelinesQuery } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { formatMoney } from '../ui/format.ts';
import { useToast } from '../ui/Toast.tsx';
import { columnJumpCoordinates } from './board-keyboard.ts';
import {
  adjacentStage,
  type BoardStage,
  boardColumns,
  columnValue,
  createStageAnnouncer,
  stageOfDrop,
} from './kanban-board.ts';
import { NewLeadForm } from './NewLeadForm.tsx';
import {
  loseLeadMutation,
  moveLeadToStageMutation,
  pipelineBoardQuery,
  pipelinesQuery,
  winLeadMutation,
} from './pipeline-operations.ts';

type Pipeline = PipelinesQuery['pipelines']['edges'][number]['node'];

interface CardActions {
  move: (lead: LeadCardFragment, stageId: string) => void;
  win: (lead: LeadCardFragment) => void;
  lose: (lead: LeadCardFragment) => void;
}

function LeadCard({ lead, stages, actions }: { lead: LeadCardFragment; stages: BoardStage[]; actions: CardActions }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: lead.id });
  const previous = adjacentStage(stages, lead.stage.id, -1);
  const next = adjacentStage(stages, lead.stage.id, 1);
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  const customer = lead.customer;
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`rounded-md border border-slate-200 bg-white p-3 shadow-sm ${isDragging ? 'z-10 opacity-80 shadow-lg' : ''}`}
      aria-label={`Lead ${lead.title}`}
    >
      <button
        type="button"
        className="w-full cursor-grab text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
        {...attributes}
        aria-roledescription="draggable lead"
        {...listeners}
      >
        <span className="block text-sm font-medium text-slate-900">{lead.title}</span>
        <span className="block text-xs text-slate-600">
          {formatMoney({ amount: lead.value, currency: lead.currency })} · {lead.probability}%
        </span>
      </button>
      {customer && (
        <Link to={`/crm/customers/${customer.id}`} className="mt-1 block text-xs text-indigo-700 hover:underline">
          {customer.firstName} {customer.lastName}
          {customer.company ? ` · ${customer.company}` : ''}
        </Link>
      )}
      <div className="mt-2 flex flex-wrap gap-1">
        <Button
          variant="secondary"
          className="px-2 py-0.5"
          disabled={!previous}
          aria-label={`Move ${lead.title} to the previous stage`}
          onClick={() => previous && actions.move(lead, previous)}
        >
          ←
        </Button>
        <Button
          variant="secondary"
          className="px-2 py-0.5"
          disabled={!next}
          aria-label={`Move ${lead.title} to the next stage`}
          onClick={() => next && actions.move(lead, next)}
        >
          →
        </Button>
        <Button variant="secondary" className="px-2 py-0.5" onClick={() => actions.win(lead)}>
          Won
        </Button>
        <Button variant="secondary" className="px-2 py-0.5" onClick={() => actions.lose(lead)}>
          Lost
        </Button>
      </div>
    </li>
  );
}

function StageColumn({
  stage,
  leads,
  stages,
  actions,
}: {
  stage: BoardStage;
  leads: LeadCardFragment[];
  stages: BoardStage[];
  actions: CardActions;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const headingId = useId();
  const totals = columnValue(leads).map(({ currency, amount }) => formatMoney({ currency, amount: String(amount) }));
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={`flex w-64 shrink-0 flex-col rounded-lg p-2 ${isOver ? 'bg-indigo-50 ring-2 ring-indigo-300' : 'bg-slate-100'}`}
    >
      <h2 id={headingId} className="px-1 text-sm font-semibold text-slate-800">
        {stage.name} <span className="font-normal text-slate-600">({leads.length})</span>
      </h2>
      <p className="mb-2 px-1 text-xs text-slate-600">{totals.join(' · ') || 'No value'}</p>
      <ul className="flex min-h-24 flex-col gap-2">
        {leads.map((lead) => (
          <LeadCard key={lead.id} lead={lead} stages={stages} actions={actions} />
        ))}
      </ul>
    </section>
  );
}

function useLeadActions(stages: BoardStage[], stageProbability: (id: string) => number) {
  const toast = useToast();
  const [move] = useMutation(moveLeadToStageMutation);
  const [win] = useMutation(winLeadMutation);
  const [lose] = useMutation(loseLeadMutation);
  const stageName = (id: string) => stages.find((stage) => stage.id === id)?.name ?? 'another stage';
  const failed = (error: Error) => toast(`Not saved: ${error.message}`, 'error');
  return {
    move: (lead: LeadCardFragment, stageId: string) =>
      move({
        variables: { id: lead.id, stageId },
        // The card moves at once; the cache puts it back if the API refuses.
        optimisticResponse: {
          __typename: 'Mutation',
          moveLeadToStage: { ...lead, stage: { ...lead.stage, id: stageId }, probability: stageProbability(stageId) },
        },
      }).then(() => toast(`${lead.title} moved to ${stageName(stageId)}`), failed),
    win: (lead: LeadCardFragment) =>
      win({
        variables: { id: lead.id },
        optimisticResponse: { __typename: 'Mutation', winLead: { ...lead, status: 'WON', probability: 100 } },
      }).then(() => toast(`${lead.title} won`), failed),
    lose: (lead: LeadCardFragment, reason: string) =>
      lose({
        variables: { id: lead.id, reason },
        optimisticResponse: {
          __typename: 'Mutation',
          loseLead: { ...lead, status: 'LOST', probability: 0, lostReason: reason },
        },
      }).then(() => toast(`${lead.title} lost`), failed),
  };
}

function Board({ pipeline }: { pipeline: Pipeline }) {
  const { data, loading, error } = useQuery(pipelineBoardQuery, { variables: { pipelineId: pipeline.id } });
  const stages = pipeline.stages;
  const probability = (id: string) => stages.find((stage) => stage.id === id)?.probability ?? 0;
  const actions = useLeadActions(stages, probability);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const reason = useRef<HTMLInputElement>(null);
  const reasonId = useId();
  const announcer = useRef(createStageAnnouncer()).current;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJumpCoordinates }),
  );
  // Won and lost leads leave the board at once (optimistically), before the list is fetched again.
  const leads = (data?.leads.edges ?? []).map((edge) => edge.node).filter((lead) => lead.status === 'OPEN');
  const stageName = (id: unknown) => stages.find((stage) => stage.id === id)?.name ?? 'no stage';
  const leadTitle = (id: unknown) => leads.find((lead) => lead.id === id)?.title ?? 'lead';
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      announcer.pickedUp(leads.find((lead) => lead.id === active.id)?.stage.id ?? '');
      return `Picked up ${leadTitle(active.id)}. Use the arrow keys to choose a stage.`;
    },
    onDragOver: ({ active, over }) =>
      announcer.isNews(over ? String(over.id) : null)
        ? `${leadTitle(active.id)} is over ${stageName(over?.id)}.`
        : undefined,
    onDragEnd: ({ active, over }) => `${leadTitle(active.id)} dropped on ${stageName(over?.id)}.`,
    onDragCancel: ({ active }) => `Moving ${leadTitle(active.id)} was cancelled.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const target = stageOfDrop(leads, String(active.id), over ? String(over.id) : null);
    const lead = leads.find((candidate) => candidate.id === active.id);
    if (target && lead) void actions.move(lead, target);
  };
  const cardActions: CardActions = {
    move: (lead, stageId) => void actions.move(lead, stageId),
    win: (lead) => void actions.win(lead),
    lose: (lead) =>
      setConfirm({
        title: `Mark ${lead.title} as lost?`,
        body: (
          <label htmlFor={reasonId} className="block">
            Why was it lost?
            <input
              id={reasonId}
              ref={reason}
              defaultValue=""
              maxLength={500}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
            />
          </label>
        ),
        confirmLabel: 'Mark as lost',
        onConfirm: () => void actions.lose(lead, reason.current?.value.trim() || 'No reason given'),
      }),
  };

  if (!data && loading) return <LoadingState label="Loading leads…" />;
  return (
    <>
      {error && <ErrorBanner error={error} />}
      {data && leads.length === 0 && <EmptyState title="No open leads in this pipeline" />}
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <div className="flex gap-3 overflow-x-auto pb-4">
          {boardColumns(stages, leads).map((column) => (
            <StageColumn
              key={column.stage.id}
              stage={column.stage}
              leads={column.leads}
              stages={stages}
              actions={cardActions}
            />
          ))}
        </div>
      </DndContext>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}

/** The sales pipeline as a kanban board: drag a lead (or use its arrows) to move it; win or lose it. */
export function PipelinePage() {
  const { data, loading, error } = useQuery(pipelinesQuery);
  const [params, setParams] = useSearchParams();
  const selectId = useId();
  const user = useSignedInUser();
  const [creating, setCreating] = useState(false);
  const pipelines = data?.pipelines.edges.map((edge) => edge.node) ?? [];
  const chosen =
    pipelines.find((pipeline) => pipeline.id === params.get('pipeline')) ??
    pipelines.find((pipeline) => pipeline.isDefault) ??
    pipelines[0];
  return (
    <section>
      <PageHeader
        title="Pipeline"
        description="Drag a lead to another stage, or focus it and press Space, then ← / → and Space to drop."
        actions={
          <>
            {pipelines.length > 1 && (
              <label htmlFor={selectId} className="text-sm text-slate-800">
                Pipeline{' '}
                <select
                  id={selectId}
                  value={chosen?.id}
                  onChange={(event) => setParams({ pipeline: event.target.value }, { replace: true })}
                  className="ml-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                >
                  {pipelines.map((pipeline) => (
                    <option key={pipeline.id} value={pipeline.id}>
                      {pipeline.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {user.role === 'ADMIN' && (
              <Link to="/crm/pipelines" className="text-sm text-indigo-700 underline">
                Manage pipelines
              </Link>
            )}
            {chosen && <Button onClick={() => setCreating(true)}>New lead</Button>}
          </>
        }
      />
      {error && <ErrorBanner error={error} />}
      {!data && loading && <LoadingState label="Loading pipelines…" />}
      {data && !chosen && <EmptyState title="No pipeline yet" />}
      {chosen && creating && (
        <NewLeadForm
          stages={[...chosen.stages]
            .sort((a, b) => a.position - b.position)
            .map((stage) => ({ value: stage.id, label: stage.name }))}
          onCreated={(cache, lead) => appendToConnection(cache, 'leads', lead, 'LeadEdge', 'start')}
          onDone={() => setCreating(false)}
        />
      )}
      {chosen && <Board key={chosen.id} pipeline={chosen} />}
    </section>
  );
}
