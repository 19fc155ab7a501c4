import type { ColumnDef } from '@tanstack/react-table';
import { Button } from '../ui/Button.tsx';
import { timeColumn } from '../ui/columns.tsx';
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
    timeColumn('created', 'Created', (row) => row.createdAt, { dateOnly: true }),
    timeColumn('lastUsed', 'Last used', (row) => row.lastUsedAt),
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      enableGlobalFilter: false,
      cell: ({ row }) =>
        row.original.revokedAt ? null : (
          <Button variant="dangerQuiet" onClick={() => onRevoke(row.original)}>
            Revoke<span className="sr-only"> {row.original.name}</span>
          </Button>
        ),
    },
  ];
}
