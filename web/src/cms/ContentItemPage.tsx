import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSignedInUser } from '../auth/session-context.ts';
import type { ContentItemDetailQuery } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { enumLabel, formatDateTime } from '../ui/format.ts';
import { MissingRecord } from '../ui/MissingRecord.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import {
  contentItemDetailQuery,
  restoreContentItemRevisionMutation,
  updateContentItemMutation,
} from './content-item-operations.ts';
import { ItemEditor } from './ItemEditor.tsx';
import { workflowActions } from './item-data.ts';
import { useItemWorkflow } from './use-item-workflow.ts';

type Item = NonNullable<ContentItemDetailQuery['contentItem']>;
const actionLabel = { publish: 'Publish', unpublish: 'Unpublish', archive: 'Archive', restore: 'Restore' } as const;

function DataList({ item }: { item: Item }) {
  const fields = item.contentType.fields;
  if (fields.length === 0) return <p className="text-sm text-slate-600">This content type has no fields.</p>;
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
      {fields.map((field) => {
        const value = item.data[field.name];
        return (
          <div key={field.name} className="contents">
            <dt className="text-slate-600">{field.label}</dt>
            <dd className="break-words text-slate-900">
              {value === undefined || value === null
                ? '—'
                : typeof value === 'object'
                  ? JSON.stringify(value)
                  : String(value)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Revisions({ item, mayChange }: { item: Item; mayChange: boolean }) {
  const toast = useToast();
  const [restore] = useMutation(restoreContentItemRevisionMutation);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  if (item.revisions.length === 0) return <EmptyState title="No earlier versions yet" />;
  return (
    <>
      <ol aria-label="Revisions" className="divide-y divide-slate-100 text-sm">
        {item.revisions.map((revision) => (
          <li key={revision.id} className="flex items-center justify-between gap-4 py-2">
            <span>
              <span className="font-medium">Version {revision.version}</span> · {revision.title} ·{' '}
              {enumLabel(revision.status)}
              <span className="block text-xs text-slate-600">replaced {formatDateTime(revision.createdAt)}</span>
            </span>
            {mayChange && (
              <Button
                variant="secondary"
                aria-label={`Restore version ${revision.version}`}
                onClick={() =>
                  setConfirm({
                    title: `Restore version ${revision.version}?`,
                    body: 'Its title, slug, data and SEO come back; the current state is kept as a revision first.',
                    confirmLabel: 'Restore',
                    tone: 'primary',
                    onConfirm: () =>
                      void restore({ variables: { itemId: item.id, revisionId: revision.id } }).then(
                        () => toast(`Version ${revision.version} restored`),
                        (error: Error) => toast(`Not restored: ${error.message}`, 'error'),
                      ),
                  })
                }
              >
                Restore
              </Button>
            )}
          </li>
        ))}
      </ol>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}

/** One content item: its data, the workflow, an editor, and its revisions with restore. */
export function ContentItemPage() {
  const { itemId = '' } = useParams();
  const user = useSignedInUser();
  const toast = useToast();
  const { data, loading, error } = useQuery(contentItemDetailQuery, { variables: { id: itemId } });
  const [update] = useMutation(updateContentItemMutation);
  const runWorkflow = useItemWorkflow();
  const [editing, setEditing] = useState(false);
  const item = data?.contentItem;
  if (!data && loading) return <LoadingState label="Loading item…" />;
  if (!item) return <MissingRecord noun="item" error={error} backTo="/cms/items" backLabel="Back to content" />;
  const mayChange = user.role !== 'CLIENT' || item.author?.id === user.id;
  return (
    <section>
      <PageHeader
        title={item.title}
        description={
          <>
            <Link to="/cms/items" className="text-indigo-700 underline">
              ← Content
            </Link>{' '}
            · {item.contentType.name} · <span data-testid="item-status">{enumLabel(item.status)}</span> · version{' '}
            {item.version}
          </>
        }
        actions={
          mayChange && (
            <>
              {workflowActions(item.status).map((action) => (
                <Button key={action} variant="secondary" onClick={() => void runWorkflow(item, action)}>
                  {actionLabel[action]}
                </Button>
              ))}
              <Button onClick={() => setEditing(true)}>Edit</Button>
            </>
          )
        }
      />
      {error && <ErrorBanner error={error} />}
      {editing && (
        <ItemEditor
          title={`Edit ${item.title}`}
          submitLabel="Save new version"
          fields={item.contentType.fields}
          initial={{ title: item.title, slug: item.slug, data: item.data }}
          onCancel={() => setEditing(false)}
          onSave={async (draft) => {
            await update({
              variables: {
                id: item.id,
                input: { title: draft.title, slug: draft.slug || item.slug, data: draft.data },
              },
            });
            setEditing(false);
            toast('Saved as a new version');
          }}
        />
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label="Data" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-3 text-base font-semibold">Data</h2>
          <p className="mb-2 text-xs text-slate-600">
            Slug <code>{item.slug}</code> · published {formatDateTime(item.publishedAt, 'not yet')}
          </p>
          <DataList item={item} />
        </section>
        <section aria-label="Revision history" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-3 text-base font-semibold">Revisions</h2>
          <Revisions item={item} mayChange={mayChange} />
        </section>
      </div>
    </section>
  );
}
