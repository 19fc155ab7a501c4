import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { useSearchParamState } from '../ui/use-search-param.ts';
import { useSignedInUser } from '../auth/session-context.ts';
import type { CustomerOrderField, CustomerRowFragment, SortDirection } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { appendPage, appendToConnection, dropFromConnection } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { PickerSelect } from '../ui/FormField.tsx';
import { enumLabel, formatDate } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useToast } from '../ui/Toast.tsx';
import { customerFormValues, customerStatuses, emptyCustomerForm } from './customer-form.ts';
import {
  createCustomerMutation,
  customersListQuery,
  deleteCustomerMutation,
  updateCustomerMutation,
} from './customer-operations.ts';
import { CustomerForm } from './CustomerForm.tsx';

const pageSize = 25;
const sortChoices: Record<string, { field: CustomerOrderField; direction: SortDirection; label: string }> = {
  newest: { field: 'CREATED_AT', direction: 'DESC', label: 'Newest first' },
  oldest: { field: 'CREATED_AT', direction: 'ASC', label: 'Oldest first' },
  updated: { field: 'UPDATED_AT', direction: 'DESC', label: 'Recently updated' },
  lastName: { field: 'LAST_NAME', direction: 'ASC', label: 'Last name A–Z' },
  email: { field: 'EMAIL', direction: 'ASC', label: 'Email A–Z' },
};

/** The search box writes to the URL a moment after typing stops, so a reload or a shared link keeps it. */
function useDebouncedParam(value: string, apply: (value: string) => void) {
  useEffect(() => {
    const timer = setTimeout(() => apply(value), 300);
    return () => clearTimeout(timer);
  }, [value, apply]);
}

function Toolbar({ params, setParam }: { params: URLSearchParams; setParam: (key: string, value: string) => void }) {
  const ids = { search: useId(), sort: useId() };
  const [search, setSearch] = useState(params.get('q') ?? '');
  // Only a changed search is written: writing the same one re-renders, which would start the timer again, forever.
  useDebouncedParam(search, (value) => value.trim() !== (params.get('q') ?? '') && setParam('q', value.trim()));
  const searching = Boolean(params.get('q'));
  const control = 'mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm';
  return (
    <search className="mb-4 flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor={ids.search} className="text-sm font-medium text-slate-800">
          Search customers
        </label>
        <input
          id={ids.search}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name, email, company, phone or tag"
          className={`${control} w-80`}
        />
      </div>
      <PickerSelect
        label="Status"
        emptyLabel="Any status"
        value={params.get('status') ?? ''}
        onChange={(value) => setParam('status', value)}
        options={customerStatuses.map((status) => ({ value: status, label: enumLabel(status) }))}
      />
      <div>
        <label htmlFor={ids.sort} className="text-sm font-medium text-slate-800">
          Sort
        </label>
        <select
          id={ids.sort}
          value={searching ? 'relevance' : (params.get('sort') ?? 'newest')}
          onChange={(event) => setParam('sort', event.target.value)}
          disabled={searching}
          className={control}
        >
          {searching && <option value="relevance">Best match</option>}
          {Object.entries(sortChoices).map(([key, choice]) => (
            <option key={key} value={key}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}

function useCustomerList(params: URLSearchParams) {
  const search = params.get('q') || undefined;
  const status = customerStatuses.find((value) => value === params.get('status'));
  const sort = sortChoices[params.get('sort') ?? 'newest'] ?? sortChoices.newest;
  const result = useQuery(customersListQuery, {
    variables: {
      first: pageSize,
      search,
      filter: status ? { status } : undefined,
      // The API ranks search results by relevance and refuses an order with them.
      orderBy: search || !sort ? undefined : { field: sort.field, direction: sort.direction },
    },
    notifyOnNetworkStatusChange: true,
  });
  const connection = result.data?.customers;
  const loadMore = () =>
    result.fetchMore({
      variables: { after: connection?.pageInfo.endCursor },
      updateQuery: (loaded, { fetchMoreResult }) => ({
        ...loaded,
        customers: appendPage(loaded.customers, fetchMoreResult.customers),
      }),
    });
  return { ...result, connection, loadMore };
}

type Editing = { mode: 'create' } | { mode: 'edit'; customer: CustomerRowFragment } | null;

/** The tenant's customers: full-text search, status filter, sort and paging, all kept in the URL. */
export function CustomersPage() {
  const user = useSignedInUser();
  const toast = useToast();
  const [params, setParam] = useSearchParamState();
  const list = useCustomerList(params);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [createCustomer] = useMutation(createCustomerMutation);
  const [updateCustomer] = useMutation(updateCustomerMutation);
  const [deleteCustomer] = useMutation(deleteCustomerMutation);
  // A CLIENT changes only the customers it created; an ADMIN any of the tenant's.
  const mayChange = (customer: CustomerRowFragment) => user.role !== 'CLIENT' || customer.createdById === user.id;

  const remove = (customer: CustomerRowFragment) =>
    setConfirm({
      title: `Delete ${customer.firstName} ${customer.lastName}?`,
      body: 'The customer and its interactions are deleted; its leads stay, without a customer.',
      confirmLabel: 'Delete customer',
      onConfirm: () =>
        deleteCustomer({
          variables: { id: customer.id },
          optimisticResponse: { __typename: 'Mutation', deleteCustomer: true },
          update: (cache) => dropFromConnection(cache, 'customers', customer),
        }).then(
          () => toast('Customer deleted'),
          (error: Error) => toast(`Could not delete: ${error.message}`, 'error'),
        ),
    });

  const columns: ColumnDef<CustomerRowFragment, unknown>[] = [
    {
      id: 'name',
      header: 'Name',
      enableSorting: false,
      cell: ({ row }) => (
        <Link to={`/crm/customers/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.firstName} {row.original.lastName}
        </Link>
      ),
    },
    { accessorKey: 'email', header: 'Email', enableSorting: false },
    { accessorKey: 'company', header: 'Company', enableSorting: false, cell: ({ getValue }) => getValue() ?? '—' },
    {
      accessorKey: 'status',
      header: 'Status',
      enableSorting: false,
      cell: ({ row }) => enumLabel(row.original.status),
    },
    { id: 'tags', header: 'Tags', enableSorting: false, cell: ({ row }) => row.original.tags.join(', ') || '—' },
    { id: 'created', header: 'Created', enableSorting: false, cell: ({ row }) => formatDate(row.original.createdAt) },
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      cell: ({ row }) =>
        mayChange(row.original) ? (
          <span className="flex gap-2">
            <Button
              variant="secondary"
              aria-label={`Edit ${row.original.email}`}
              onClick={() => setEditing({ mode: 'edit', customer: row.original })}
            >
              Edit
            </Button>
            <Button variant="danger" aria-label={`Delete ${row.original.email}`} onClick={() => remove(row.original)}>
              Delete
            </Button>
          </span>
        ) : null,
    },
  ];

  const connection = list.connection;
  return (
    <section>
      <PageHeader
        title="Customers"
        description="People and companies your tenant sells to."
        actions={<Button onClick={() => setEditing({ mode: 'create' })}>New customer</Button>}
      />
      {editing?.mode === 'create' && (
        <CustomerForm
          title="New customer"
          submitLabel="Create customer"
          initial={emptyCustomerForm}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            const { data } = await createCustomer({
              variables: { input },
              update: (cache, { data: created }) => {
                if (created) appendToConnection(cache, 'customers', created.createCustomer, 'CustomerEdge', 'start');
              },
            });
            setEditing(null);
            toast(`Customer ${data?.createCustomer.email ?? ''} created`);
          }}
        />
      )}
      {editing?.mode === 'edit' && (
        <CustomerForm
          key={editing.customer.id}
          title={`Edit ${editing.customer.firstName} ${editing.customer.lastName}`}
          submitLabel="Save changes"
          initial={customerFormValues(editing.customer)}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            await updateCustomer({
              variables: { id: editing.customer.id, input },
              optimisticResponse: { __typename: 'Mutation', updateCustomer: { ...editing.customer, ...input } },
            });
            setEditing(null);
            toast('Customer saved');
          }}
        />
      )}
      <Toolbar params={params} setParam={setParam} />
      <DataTable
        caption={connection ? `Customers, ${connection.edges.length} of ${connection.totalCount} loaded` : 'Customers'}
        columns={columns}
        data={connection?.edges.map((edge) => edge.node)}
        loading={list.loading}
        error={list.error}
        emptyTitle={params.get('q') || params.get('status') ? 'No customer matches' : 'No customers yet'}
        emptyHint="Create one with “New customer”."
        pageSize={pageSize}
        getRowId={(row) => row.id}
        serverPages={
          connection && {
            hasMore: connection.pageInfo.hasNextPage,
            loadingMore: list.networkStatus === NetworkStatus.fetchMore,
            loadMore: () => void list.loadMore(),
            total: connection.totalCount,
          }
        }
      />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
