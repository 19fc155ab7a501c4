import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import type { PipelineSetupFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { MoveButton } from '../ui/MoveButton.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { emptyPipelineForm } from './pipeline-form.ts';
import { pipelinesQuery } from './pipeline-operations.ts';
import { NewPipelineForm, PipelineNameForm, StageForm } from './PipelineForms.tsx';
import { orderedStages, stageMoveId, usePipelineSetup } from './use-pipeline-setup.tsx';

type Setup = ReturnType<typeof usePipelineSetup>;
type Stage = PipelineSetupFragment['stages'][number];
type Editing = { kind: 'name' } | { kind: 'stage'; stage: Stage } | { kind: 'new-stage' } | null;

function StageRow(props: {
  pipeline: PipelineSetupFragment;
  stage: Stage;
  index: number;
  count: number;
  setup: Setup;
  onEdit: () => void;
}) {
  const { pipeline, stage, index, count, setup } = props;
  const move = (step: -1 | 1, possible: boolean, symbol: string, label: string) => (
    <MoveButton
      id={stageMoveId(stage.id, step)}
      label={`Move ${stage.name} ${label}`}
      symbol={symbol}
      possible={possible}
      onMove={() => setup.moveStage(pipeline, stage, step)}
    />
  );
  return (
    <li className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
      <span className="text-sm">
        <span className="font-medium text-slate-900">{stage.name}</span>{' '}
        <span className="text-slate-600">· {stage.probability}%</span>
      </span>
      <span className="flex gap-1">
        {move(-1, index > 0, '↑', 'earlier')}
        {move(1, index < count - 1, '↓', 'later')}
        <Button variant="secondary" className="px-2 py-0.5" aria-label={`Rename ${stage.name}`} onClick={props.onEdit}>
          Rename
        </Button>
        <Button
          variant="dangerQuiet"
          className="px-2 py-0.5"
          aria-label={`Remove ${stage.name}`}
          onClick={() => setup.askRemoveStage(pipeline, stage)}
        >
          Remove
        </Button>
      </span>
    </li>
  );
}

function EditPanel({
  pipeline,
  editing,
  setup,
  close,
}: {
  pipeline: PipelineSetupFragment;
  editing: Editing;
  setup: Setup;
  close: () => void;
}) {
  const done = <T,>(saving: Promise<T>) => saving.then(close);
  if (editing?.kind === 'name')
    return (
      <PipelineNameForm
        title={`Rename ${pipeline.name}`}
        submitLabel="Save name"
        initial={{ name: pipeline.name }}
        onSave={({ name }) => done(setup.rename(pipeline, name))}
        onCancel={close}
      />
    );
  if (editing?.kind === 'stage')
    return (
      <StageForm
        title={`Rename stage ${editing.stage.name}`}
        submitLabel="Save stage"
        initial={{ name: editing.stage.name, probability: String(editing.stage.probability) }}
        onSave={(input) => done(setup.updateStage(editing.stage, input))}
        onCancel={close}
      />
    );
  if (editing?.kind === 'new-stage')
    return (
      <StageForm
        title={`New stage of ${pipeline.name}`}
        submitLabel="Add stage"
        initial={{ name: '', probability: '0' }}
        onSave={(input) => done(setup.addStage(pipeline, input))}
        onCancel={close}
      />
    );
  return null;
}

function PipelineCard({ pipeline, setup }: { pipeline: PipelineSetupFragment; setup: Setup }) {
  const [editing, setEditing] = useState<Editing>(null);
  const stages = orderedStages(pipeline);
  return (
    <section aria-label={`Pipeline ${pipeline.name}`} className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          {pipeline.name}
          {pipeline.isDefault && (
            <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-medium text-indigo-800">
              Default
            </span>
          )}
        </h2>
        <span className="flex gap-2">
          <Button
            variant="secondary"
            aria-label={`Rename ${pipeline.name}`}
            onClick={() => setEditing({ kind: 'name' })}
          >
            Rename
          </Button>
          {!pipeline.isDefault && (
            <Button variant="secondary" onClick={() => setup.makeDefault(pipeline)}>
              Make default
            </Button>
          )}
          <Button variant="secondary" onClick={() => setEditing({ kind: 'new-stage' })}>
            Add stage
          </Button>
          <Button
            variant="dangerQuiet"
            aria-label={`Delete ${pipeline.name}`}
            onClick={() => setup.askDeletePipeline(pipeline)}
          >
            Delete
          </Button>
        </span>
      </div>
      <EditPanel pipeline={pipeline} editing={editing} setup={setup} close={() => setEditing(null)} />
      <ol aria-label={`Stages of ${pipeline.name}`} className="space-y-1">
        {stages.map((stage, index) => (
          <StageRow
            key={stage.id}
            pipeline={pipeline}
            stage={stage}
            index={index}
            count={stages.length}
            setup={setup}
            onEdit={() => setEditing({ kind: 'stage', stage })}
          />
        ))}
      </ol>
    </section>
  );
}

/** The tenant's sales pipelines and their stages (ADMIN): create, rename, reorder and delete. */
export function PipelinesPage() {
  const { data, loading, error } = useQuery(pipelinesQuery);
  const pipelines = useMemo(() => data?.pipelines.edges.map((edge) => edge.node) ?? [], [data]);
  const setup = usePipelineSetup(pipelines);
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <PageHeader
        title="Pipelines"
        description="The stages a lead moves through on the board, in order, with the probability each starts with."
        actions={<Button onClick={() => setCreating(true)}>New pipeline</Button>}
      />
      {error && <ErrorBanner error={error} />}
      {setup.feedback}
      {creating && (
        <NewPipelineForm
          title="New pipeline"
          submitLabel="Create pipeline"
          initial={emptyPipelineForm}
          onSave={(values) => setup.create(values).then(() => setCreating(false))}
          onCancel={() => setCreating(false)}
        />
      )}
      {!data && loading && <LoadingState label="Loading pipelines…" />}
      {data && pipelines.length === 0 && <EmptyState title="No pipelines yet" />}
      <div className="grid gap-4 xl:grid-cols-2">
        {pipelines.map((pipeline) => (
          <PipelineCard key={pipeline.id} pipeline={pipeline} setup={setup} />
        ))}
      </div>
    </section>
  );
}
