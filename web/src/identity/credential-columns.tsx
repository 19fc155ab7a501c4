import type { ColumnDef } from '@tanstack/react-table';
import { Button } from '../ui/Button.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { StatusBadge } from '../ui/StatusBadge.tsx';

interface Credential {
  name: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  expiresAt?: string | null;
}

const stateOf = (credential: Credential) => {
  if (credential.revokedAt) return 'REVOKED';
  if (credential.expiresAt && Date.parse(credential.expiresAt) < Date.now()) return 'EXPIRED';
  return 'ACTIVE';
};

/** The columns API keys and machine clients share: state, dates and the revoke button. */
export function credentialColumns<Row extends Credential>(onRevoke: (row: Row) => void): ColumnDef<Row, unknown>[] {
  return [
    {
      id: 'state',
      header: 'State',
      accessorFn: stateOf,
      cell: (cell) => <StatusBadge value={cell.getValue() as string} />,
    },
    {
      id: 'created',
      header: 'Created',
      accessorFn: (row) => row.createdAt,
      cell: ({ row }) => formatDate(row.original.createdAt),
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      accessorFn: (row) => row.lastUsedAt ?? '',
      cell: ({ row }) => formatDateTime(row.original.lastUsedAt),
    },
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      enableGlobalFilter: false,
      cell: ({ row }) =>
        row.original.revokedAt ? null : (
          <Button variant="danger" onClick={() => onRevoke(row.original)}>
            Revoke<span className="sr-only"> {row.original.name}</span>
          </Button>
        ),
    },
  ];
}
