import type { ErrorLike } from '@apollo/client';
import { type ColumnDef, flexRender } from '@tanstack/react-table';
import { DataTable, type ServerPages } from '../ui/DataTable.tsx';
import { timeColumn } from '../ui/columns.tsx';
import type { AuditRow } from './audit-entries.ts';

const when = timeColumn<AuditRow>('when', 'When', (row) => row.createdAt);

/** An id on a line of its own that never breaks (a wrapped uuid reads as four values). */
const IdLine = ({ id }: { id: string | null | undefined }) =>
  id ? <span className="block whitespace-nowrap font-mono text-xs text-slate-600">{id}</span> : null;

const columns: ColumnDef<AuditRow, unknown>[] = [
  { ...when, cell: (cell) => <span className="whitespace-nowrap">{flexRender(when.cell, cell)}</span> },
  { id: 'service', header: 'Service', accessorFn: (row) => row.service },
  { id: 'action', header: 'Action', accessorFn: (row) => row.action },
  {
    id: 'entity',
    header: 'Entity',
    accessorFn: (row) => `${row.entityType} ${row.entityId ?? ''}`,
    cell: ({ row }) => (
      <>
        {row.original.entityType}
        <IdLine id={row.original.entityId} />
      </>
    ),
  },
  {
    id: 'actor',
    header: 'Actor',
    accessorFn: (row) => `${row.actorRole ?? ''} ${row.actorId ?? ''}`.trim() || '—',
    cell: ({ row }) => (
      <>
        {row.original.actorRole ?? '—'}
        <IdLine id={row.original.actorId} />
      </>
    ),
  },
  {
    id: 'changes',
    header: 'Changes',
    enableSorting: false,
    accessorFn: (row) => row.changes ?? '',
    cell: ({ row }) => (
      <code className="block max-w-xs truncate text-xs" title={row.original.changes ?? ''}>
        {row.original.changes}
      </code>
    ),
  },
];

/** Audit entries of several services in one sortable, searchable table, newest first. */
export function AuditTable({
  rows,
  loading,
  error,
  caption,
  serverPages,
}: {
  rows: AuditRow[] | undefined;
  loading: boolean;
  error: ErrorLike | undefined;
  caption: string;
  serverPages?: ServerPages | undefined;
}) {
  return (
    <DataTable
      caption={caption}
      columns={columns}
      data={rows}
      loading={loading}
      error={error}
      emptyTitle="No audit entries match"
      searchLabel="Search the audit trail"
      pageSize={20}
      getRowId={(row) => `${row.service}:${row.id}`}
      initialSorting={[{ id: 'when', desc: true }]}
      {...(serverPages ? { serverPages } : {})}
    />
  );
}
