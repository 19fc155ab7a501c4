import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSearchParamState } from '../ui/use-search-param.ts';
import { useSignedInUser } from '../auth/session-context.ts';
import type { ContentItemsQuery, ContentStatus } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { appendPage, appendToConnection, dropFromConnection } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { PickerSelect } from '../ui/FormField.tsx';
import { enumLabel, formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useConfirmedDelete } from '../ui/use-confirmed-delete.tsx';
import { contentItemsQuery, createContentItemMutation, deleteContentItemMutation } from './content-item-operations.ts';
import { contentTypesQuery } from './content-type-operations.ts';
import { ItemEditor } from './ItemEditor.tsx';
import { workflowActions } from './item-data.ts';
import { useItemWorkflow } from './use-item-workflow.ts';

type Item = ContentItemsQuery['contentItems']['edges'][number]['node'];
const statuses: ContentStatus[] = ['DRAFT', 'PUBLISHED', 'ARCHIVED'];
const actionLabel = { publish: 'Publish', unpublish: 'Unpublish', archive: 'Archive', restore: 'Restore' } as const;

function Filters({ types }: { types: readonly { id: string; name: string }[] }) {
  const [params, set] = useSearchParamState();
  return (
    <div className="mb-4 flex flex-wrap gap-4">
      <PickerSelect
        label="Content type"
        emptyLabel="Every type"
        value={params.get('type') ?? ''}
        onChange={(value) => set('type', value)}
        options={types.map((type) => ({ value: type.id, label: type.name }))}
      />
      <PickerSelect
        label="Status"
        emptyLabel="Any status"
        value={params.get('status') ?? ''}
        onChange={(value) => set('status', value)}
        options={statuses.map((status) => ({ value: status, label: enumLabel(status) }))}
      />
    </div>
  );
}

function NewItem({ onDone }: { onDone: () => void }) {
  const { data } = useQuery(contentTypesQuery);
  const toast = useToast();
  const [createItem] = useMutation(createContentItemMutation);
  const [typeId, setTypeId] = useState('');
  const selectId = useId();
  const types = data?.contentTypes.edges.map((edge) => edge.node) ?? [];
  const type = types.find((candidate) => candidate.id === typeId) ?? types[0];
  if (!type) return <p className="mb-4 text-sm text-slate-700">Create a content type first.</p>;
  return (
    <div>
      <label htmlFor={selectId} className="mb-2 block text-sm font-medium text-slate-800">
        Content type of the new item
        <select
          id={selectId}
          value={type.id}
          onChange={(event) => setTypeId(event.target.value)}
          className="mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        >
          {types.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
      <ItemEditor
        key={type.id}
        title={`New ${type.name}`}
        submitLabel="Create draft"
        fields={type.fields}
        initial={{ title: '', slug: '', data: {} }}
        onCancel={onDone}
        onSave={async (draft) => {
          await createItem({
            variables: {
              input: {
                contentTypeId: type.id,
                title: draft.title,
                data: draft.data,
                ...(draft.slug ? { slug: draft.slug } : {}),
              },
            },
            update: (cache, { data: created }) => {
              if (created)
                appendToConnection(cache, 'contentItems', created.createContentItem, 'ContentItemEdge', 'start');
            },
          });
          toast(`Draft “${draft.title}” created`);
          onDone();
        }}
      />
    </div>
  );
}

/** The tenant's content items by type and status, with the draft → published → archived workflow. */
export function ContentItemsPage() {
  const user = useSignedInUser();
  const [params] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const runWorkflow = useItemWorkflow();
  const [deleteItem] = useMutation(deleteContentItemMutation);
  const deletion = useConfirmedDelete<Item>({
    noun: 'item',
    name: (item) => item.title,
    consequence: 'The item and all its revisions are deleted. This cannot be undone.',
    remove: (item) =>
      deleteItem({
        variables: { id: item.id },
        optimisticResponse: { __typename: 'Mutation', deleteContentItem: item.id },
        update: (cache) => dropFromConnection(cache, 'contentItems', item),
      }),
  });
  const types = useQuery(contentTypesQuery);
  const status = statuses.find((value) => value === params.get('status'));
  const filter = {
    ...(params.get('type') ? { contentTypeId: params.get('type') } : {}),
    ...(status ? { status } : {}),
  };
  const list = useQuery(contentItemsQuery, { variables: { first: 50, filter }, notifyOnNetworkStatusChange: true });
  const connection = list.data?.contentItems;
  // A CLIENT changes only the items it created.
  const mayChange = (item: Item) => user.role !== 'CLIENT' || item.author?.id === user.id;
  const columns: ColumnDef<Item, unknown>[] = [
    {
      accessorKey: 'title',
      header: 'Title',
      cell: ({ row }) => (
        <Link to={`/cms/items/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.title}
        </Link>
      ),
    },
    { id: 'type', header: 'Type', accessorFn: (item) => item.contentType.name },
    { id: 'status', header: 'Status', accessorFn: (item) => enumLabel(item.status) },
    { accessorKey: 'version', header: 'Version' },
    {
      id: 'updated',
      header: 'Updated',
      accessorFn: (item) => item.updatedAt,
      cell: ({ row }) => formatDateTime(row.original.updatedAt),
    },
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      cell: ({ row }) =>
        mayChange(row.original) && (
          <span className="flex gap-2">
            {workflowActions(row.original.status).map((action) => (
              <Button
                key={action}
                variant="secondary"
                aria-label={`${actionLabel[action]} ${row.original.title}`}
                onClick={() => void runWorkflow(row.original, action)}
              >
                {actionLabel[action]}
              </Button>
            ))}
            <Button
              variant="dangerQuiet"
              aria-label={`Delete ${row.original.title}`}
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
        title="Content"
        description="Items of every content type: drafts, published and archived."
        actions={<Button onClick={() => setCreating(true)}>New item</Button>}
      />
      {deletion.feedback}
      {creating && <NewItem onDone={() => setCreating(false)} />}
      <Filters types={types.data?.contentTypes.edges.map((edge) => edge.node) ?? []} />
      <DataTable
        caption={
          connection ? `Content items, ${connection.edges.length} of ${connection.totalCount} loaded` : 'Content items'
        }
        columns={columns}
        data={connection?.edges.map((edge) => edge.node)}
        loading={list.loading}
        error={list.error}
        emptyTitle="No content items match"
        emptyHint="Create one with “New item”."
        searchLabel="Filter loaded items"
        getRowId={(item) => item.id}
        serverPages={
          connection && {
            hasMore: connection.pageInfo.hasNextPage,
            loadingMore: list.networkStatus === NetworkStatus.fetchMore,
            total: connection.totalCount,
            loadMore: () =>
              void list.fetchMore({
                variables: { after: connection.pageInfo.endCursor },
                updateQuery: (loaded, { fetchMoreResult }) => ({
                  ...loaded,
                  contentItems: appendPage(loaded.contentItems, fetchMoreResult.contentItems),
                }),
              }),
          }
        }
      />
    </section>
  );
}
