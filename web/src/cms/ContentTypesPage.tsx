import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import type { ContentTypeFieldsFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { appendToConnection, dropFromConnection } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useConfirmedDelete } from '../ui/use-confirmed-delete.tsx';
import { fieldRowOf } from './content-type-form.ts';
import { ContentTypeForm } from './ContentTypeForm.tsx';
import {
  contentTypesQuery,
  createContentTypeMutation,
  deleteContentTypeMutation,
  updateContentTypeMutation,
} from './content-type-operations.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; type: ContentTypeFieldsFragment } | null;

/** The tenant's content types and their fields (ADMIN): items are validated against these fields. */
export function ContentTypesPage() {
  const toast = useToast();
  const { data, loading, error } = useQuery(contentTypesQuery);
  const [create] = useMutation(createContentTypeMutation);
  const [update] = useMutation(updateContentTypeMutation);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleteType] = useMutation(deleteContentTypeMutation);
  const deletion = useConfirmedDelete<ContentTypeFieldsFragment>({
    noun: 'content type',
    name: (type) => type.name,
    consequence: 'Only a type without items can be deleted: delete or move its items first.',
    remove: (type) =>
      deleteType({
        variables: { id: type.id },
        optimisticResponse: { __typename: 'Mutation', deleteContentType: type.id },
        update: (cache) => dropFromConnection(cache, 'contentTypes', type),
      }),
  });
  const columns: ColumnDef<ContentTypeFieldsFragment, unknown>[] = [
    { accessorKey: 'name', header: 'Name' },
    { accessorKey: 'slug', header: 'Slug', cell: ({ getValue }) => <code>{String(getValue())}</code> },
    {
      id: 'fields',
      header: 'Fields',
      accessorFn: (type) => type.fields.map((field) => `${field.name} (${field.type.toLowerCase()})`).join(', '),
    },
    {
      id: 'updated',
      header: 'Updated',
      accessorFn: (type) => type.updatedAt,
      cell: ({ row }) => formatDateTime(row.original.updatedAt),
    },
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      cell: ({ row }) => (
        <span className="flex gap-2">
          <Button
            variant="secondary"
            aria-label={`Edit fields of ${row.original.name}`}
            onClick={() => setEditing({ mode: 'edit', type: row.original })}
          >
            Edit fields
          </Button>
          <Button
            variant="dangerQuiet"
            aria-label={`Delete ${row.original.name}`}
            onClick={() => deletion.ask(row.original)}
          >
            Delete
          </Button>
        </span>
      ),
    },
  ];
  return (
    <section>
      <PageHeader
        title="Content types"
        description="The kinds of content your tenant publishes, and the fields their items have."
        actions={<Button onClick={() => setEditing({ mode: 'create' })}>New content type</Button>}
      />
      {deletion.feedback}
      {editing?.mode === 'create' && (
        <ContentTypeForm
          title="New content type"
          submitLabel="Create content type"
          initial={{ name: '', slug: '', description: '', fields: [] }}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            await create({
              variables: { input: draft },
              update: (cache, { data: created }) => {
                if (created)
                  appendToConnection(cache, 'contentTypes', created.createContentType, 'ContentTypeEdge', 'start');
              },
            });
            setEditing(null);
            toast(`Content type ${draft.name} created`);
          }}
        />
      )}
      {editing?.mode === 'edit' && (
        <ContentTypeForm
          key={editing.type.id}
          title={`Edit ${editing.type.name}`}
          submitLabel="Save content type"
          initial={{
            name: editing.type.name,
            slug: editing.type.slug,
            description: editing.type.description ?? '',
            fields: editing.type.fields.map(fieldRowOf),
          }}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            await update({ variables: { id: editing.type.id, input: draft } });
            setEditing(null);
            toast(`Content type ${draft.name} saved`);
          }}
        />
      )}
      <DataTable
        caption="Content types"
        columns={columns}
        data={data?.contentTypes.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No content types yet"
        emptyHint="Create one with “New content type”."
        getRowId={(type) => type.id}
      />
    </section>
  );
}
