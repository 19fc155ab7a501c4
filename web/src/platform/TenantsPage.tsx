import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../ui/Button.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { countColumn, timeColumn } from '../ui/columns.tsx';
import { enumLabel, formatMoneyList } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { CreateTenantForm } from './CreateTenantForm.tsx';
import { type PlatformTenantRow, platformTenantsQuery } from './TenantOperations.ts';
import { TenantListToolbar, tenantListVariables } from './TenantListToolbar.tsx';
import { TenantStatusButton, useTenantStatusActions } from './TenantStatusActions.tsx';
import { useSearchParamState } from '../ui/use-search-param.ts';

/** Search and sort run on the server, so a page needs to fill the screen only. */
const pageSize = 25;

function tenantColumns(
  onAsk: ReturnType<typeof useTenantStatusActions>['ask'],
): ColumnDef<PlatformTenantRow, unknown>[] {
  const columns: ColumnDef<PlatformTenantRow, unknown>[] = [
    {
      id: 'name',
      header: 'Tenant',
      cell: ({ row: { original: tenant } }) => (
        <>
          <Link to={`/tenants/${tenant.id}`} className="font-medium text-indigo-700 underline">
            {tenant.name}
          </Link>
          <span className="block text-xs text-slate-600">{tenant.slug}</span>
        </>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (tenant) => tenant.status,
      cell: ({ row }) => <StatusBadge value={row.original.status} />,
    },
    { id: 'plan', header: 'Plan', accessorFn: (tenant) => enumLabel(tenant.planTier) },
    countColumn('users', 'Users', (tenant) => tenant.users?.total ?? 0),
    countColumn('customers', 'Customers', (tenant) => tenant.crm?.totalCustomers ?? 0),
    {
      id: 'mrr',
      header: 'MRR',
      enableSorting: false,
      accessorFn: (tenant) => formatMoneyList(tenant.billing?.mrr ?? []),
    },
    countColumn('events', 'Events, 30 d', (tenant) => tenant.analytics?.eventsLast30d ?? 0),
    timeColumn('created', 'Created', (tenant) => tenant.createdAt, { dateOnly: true }),
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      enableGlobalFilter: false,
      cell: ({ row }) => <TenantStatusButton tenant={row.original} onAsk={onAsk} />,
    },
  ];
  // The server sorts (the toolbar's menu); a header sort would order only the loaded page.
  return columns.map((column) => ({ ...column, enableSorting: false }));
}

/** Every tenant: server-side search, sort and paging (kept in the URL); create, suspend and reactivate with confirmation. */
export function TenantsPage() {
  const [creating, setCreating] = useState(false);
  const { ask, dialog } = useTenantStatusActions();
  const columns = useMemo(() => tenantColumns(ask), [ask]);
  const [params, setParam] = useSearchParamState();
  // errorPolicy 'all': when one subgraph is down the gateway still answers the rest, so show both.
  const { data, error, loading, networkStatus, fetchMore } = useQuery(platformTenantsQuery, {
    variables: { first: pageSize, ...tenantListVariables(params) },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const tenants = data?.tenants;
  return (
    <section>
      <PageHeader
        title="Tenants"
        description="Every client application hosted on the platform."
        actions={!creating && <Button onClick={() => setCreating(true)}>New tenant</Button>}
      />
      {creating && <CreateTenantForm onDone={() => setCreating(false)} />}
      <TenantListToolbar params={params} setParam={setParam} />
      <DataTable
        caption="Tenants of the platform"
        columns={columns}
        data={tenants?.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle={params.get('q') ? 'No tenant matches the search' : 'No tenants yet'}
        emptyHint={params.get('q') ? 'Search looks in names and slugs.' : 'Create the first one with “New tenant”.'}
        pageSize={pageSize}
        getRowId={(tenant) => tenant.id}
        serverPages={
          tenants && {
            total: tenants.totalCount,
            hasMore: tenants.pageInfo.hasNextPage,
            loadingMore: networkStatus === NetworkStatus.fetchMore,
            loadMore: () => void fetchMore({ variables: { after: tenants.pageInfo.endCursor }, errorPolicy: 'all' }),
          }
        }
      />
      {dialog}
    </section>
  );
}
