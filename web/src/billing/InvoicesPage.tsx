import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { InvoicesQuery, InvoiceStatus } from '../generated/operations.ts';
import { appendPage } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { enumLabel, formatDate, formatMoney } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { invoicesQuery } from './billing-operations.ts';

type Invoice = InvoicesQuery['invoices']['edges'][number]['node'];
const statuses: InvoiceStatus[] = ['DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE'];

const columns: ColumnDef<Invoice, unknown>[] = [
  {
    accessorKey: 'number',
    header: 'Number',
    cell: ({ row }) => (
      <Link to={`/billing/invoices/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.number}
      </Link>
    ),
  },
  {
    id: 'customer',
    header: 'Customer',
    accessorFn: (invoice) => (invoice.customer ? `${invoice.customer.firstName} ${invoice.customer.lastName}` : '—'),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (invoice) => `${enumLabel(invoice.status)}${invoice.overdue ? ' (overdue)' : ''}`,
  },
  {
    id: 'total',
    header: 'Total',
    accessorFn: (invoice) => Number(invoice.total),
    cell: ({ row }) => formatMoney({ amount: row.original.total, currency: row.original.currency }),
  },
  {
    id: 'due',
    header: 'Due',
    accessorFn: (invoice) => invoice.dueDate ?? '',
    cell: ({ row }) => (row.original.dueDate ? formatDate(row.original.dueDate) : '—'),
  },
];

/** The tenant's invoices by status (issued by the platform; tenants read them). */
export function InvoicesPage() {
  const [params, setParams] = useSearchParams();
  const statusId = useId();
  const status = statuses.find((value) => value === params.get('status'));
  const { data, loading, error, fetchMore, networkStatus } = useQuery(invoicesQuery, {
    variables: { filter: status ? { status } : undefined },
    notifyOnNetworkStatusChange: true,
  });
  const invoices = data?.invoices;
  return (
    <section>
      <PageHeader title="Invoices" description="Bills of your customers' subscriptions, with their lines and status." />
      <label htmlFor={statusId} className="mb-4 block text-sm font-medium text-slate-800">
        Status
        <select
          id={statusId}
          value={status ?? ''}
          onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {}, { replace: true })}
          className="mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        >
          <option value="">Any status</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {enumLabel(value)}
            </option>
          ))}
        </select>
      </label>
      <DataTable
        caption={invoices ? `Invoices, ${invoices.edges.length} of ${invoices.totalCount} loaded` : 'Invoices'}
        columns={columns}
        data={invoices?.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No invoices match"
        getRowId={(invoice) => invoice.id}
        serverPages={
          invoices && {
            hasMore: invoices.pageInfo.hasNextPage,
            loadingMore: networkStatus === NetworkStatus.fetchMore,
            total: invoices.totalCount,
            loadMore: () =>
              void fetchMore({
                variables: { after: invoices.pageInfo.endCursor },
                updateQuery: (loaded, { fetchMoreResult }) => ({
                  ...loaded,
                  invoices: appendPage(loaded.invoices, fetchMoreResult.invoices),
                }),
              }),
          }
        }
      />
    </section>
  );
}
