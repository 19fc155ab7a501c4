import { useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import type { PlansQuery } from '../generated/operations.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { formatPrice } from './money.ts';
import { plansQuery } from './billing-operations.ts';

type Plan = PlansQuery['plans']['edges'][number]['node'];

const columns: ColumnDef<Plan, unknown>[] = [
  { accessorKey: 'name', header: 'Plan' },
  { accessorKey: 'code', header: 'Code', cell: ({ getValue }) => <code>{String(getValue() ?? '—')}</code> },
  {
    id: 'price',
    header: 'Price',
    accessorFn: (plan) => Number(plan.amount),
    cell: ({ row }) => formatPrice(row.original),
  },
  { accessorKey: 'trialDays', header: 'Trial days' },
  { id: 'active', header: 'Status', accessorFn: (plan) => (plan.active ? 'Active' : 'Archived') },
  {
    accessorKey: 'description',
    header: 'Description',
    enableSorting: false,
    cell: ({ getValue }) => String(getValue() ?? ''),
  },
];

/** The tenant's price list (plans are set up by the platform; tenants read them). */
export function PlansPage() {
  const { data, loading, error } = useQuery(plansQuery);
  return (
    <section>
      <PageHeader
        title="Plans"
        description="What your customers can subscribe to. Plans are managed by the platform team."
      />
      <DataTable
        caption="Plans"
        columns={columns}
        data={data?.plans.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No plans yet"
        getRowId={(plan) => plan.id}
      />
    </section>
  );
}
