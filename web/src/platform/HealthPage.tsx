import { useLazyQuery, useSubscription } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { Button } from '../ui/Button.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { formatDateTime } from '../ui/format.ts';
import { LiveIndicator } from '../ui/LiveIndicator.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { type PlatformHealthReport, platformHealthQuery, platformHealthSubscription } from './PlatformHealthQuery.ts';

type Service = PlatformHealthReport['gateway'];

/** The later of the pushed report and the one "Check now" fetched. */
function newest(a: PlatformHealthReport | undefined, b: PlatformHealthReport | undefined) {
  if (!a || !b) return a ?? b;
  return Date.parse(b.checkedAt) > Date.parse(a.checkedAt) ? b : a;
}

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

/**
 * Each part of the platform, its state and latency: pushed by the gateway on subscribe and whenever
 * a subgraph changes state (no polling); "Check now" asks once over HTTP.
 */
export function HealthPage() {
  const live = useSubscription(platformHealthSubscription);
  const [check, checked] = useLazyQuery(platformHealthQuery, { fetchPolicy: 'network-only' });
  const health = newest(live.data?.platformHealth, checked.data?.platformHealth);
  const services = health ? [health.gateway, ...health.subgraphs] : undefined;
  return (
    <section>
      <PageHeader
        title="Platform health"
        description="Readiness and latency of the gateway and every subgraph, updated as soon as one changes state."
        actions={
          <div className="flex items-center gap-2">
            <LiveIndicator received={live.data !== undefined} failed={live.error !== undefined} />
            <Button variant="secondary" onClick={() => void check().catch(() => undefined)}>
              Check now
            </Button>
          </div>
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
        loading={!health && (live.loading || checked.loading)}
        error={live.error ?? checked.error}
        emptyTitle="No services reported"
        getRowId={(service) => service.name}
      />
    </section>
  );
}
