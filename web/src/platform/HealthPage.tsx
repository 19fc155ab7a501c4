import { useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import type { PlatformHealthQuery } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { platformHealthQuery } from './PlatformHealthQuery.ts';

type Service = PlatformHealthQuery['platformHealth']['gateway'];

/** How often the screen checks again by itself. */
export const healthRefreshMs = 10_000;

const columns: ColumnDef<Service, unknown>[] = [
  { id: 'name', header: 'Service', accessorFn: (service) => service.name },
  {
    id: 'status',
    header: 'State',
    accessorFn: (service) => service.status,
    cell: ({ row }) => <StatusBadge value={row.original.status} />,
  },
  {
    id: 'latency',
    header: 'Latency',
    accessorFn: (service) => service.latencyMs,
    cell: ({ row }) => <span className="tabular-nums">{row.original.latencyMs} ms</span>,
  },
  { id: 'version', header: 'Version', accessorFn: (service) => service.version ?? '—' },
  { id: 'error', header: 'Problem', enableSorting: false, accessorFn: (service) => service.error ?? '' },
];

/** Each part of the platform, its state and latency, checked again every few seconds. */
export function HealthPage() {
  const { data, error, loading, refetch } = useQuery(platformHealthQuery, {
    pollInterval: healthRefreshMs,
    notifyOnNetworkStatusChange: false,
    fetchPolicy: 'network-only',
  });
  const health = data?.platformHealth;
  const services = health ? [health.gateway, ...health.subgraphs] : undefined;
  return (
    <section>
      <PageHeader
        title="Platform health"
        description={`Readiness and latency of the gateway and every subgraph, refreshed every ${healthRefreshMs / 1000} s.`}
        actions={
          <Button variant="secondary" onClick={() => void refetch()}>
            Check now
          </Button>
        }
      />
      {health && (
        <p className="mb-4 flex items-center gap-2 text-sm text-slate-700">
          Overall <StatusBadge value={health.status} />
          <span>
            checked <time dateTime={health.checkedAt}>{formatDateTime(health.checkedAt)}</time>
          </span>
        </p>
      )}
      <DataTable
        caption="Services of the platform"
        columns={columns}
        data={services}
        loading={loading}
        error={error}
        emptyTitle="No services reported"
        getRowId={(service) => service.name}
      />
    </section>
  );
}
