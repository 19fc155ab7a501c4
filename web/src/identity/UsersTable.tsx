import type { ErrorLike } from '@apollo/client';
import type { ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { DataTable, type ServerPages } from '../ui/DataTable.tsx';
import { timeColumn } from '../ui/columns.tsx';
import { enumLabel } from '../ui/format.ts';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import type { UserRow } from './UserOperations.ts';

const fullName = (user: UserRow) => [user.firstName, user.lastName].filter(Boolean).join(' ');

function userColumns(actions?: (user: UserRow) => ReactNode): ColumnDef<UserRow, unknown>[] {
  const columns: ColumnDef<UserRow, unknown>[] = [
    {
      id: 'user',
      header: 'User',
      accessorFn: (user) => `${user.email} ${fullName(user)}`,
      sortingFn: (a, b) => a.original.email.localeCompare(b.original.email),
      cell: ({ row: { original: user } }) => (
        <>
          <span className="font-medium">{user.email}</span>
          {fullName(user) && <span className="block text-xs text-slate-600">{fullName(user)}</span>}
        </>
      ),
    },
    { id: 'role', header: 'Role', accessorFn: (user) => enumLabel(user.role) },
    {
      id: 'state',
      header: 'State',
      accessorFn: (user) => (user.active ? 'ACTIVE' : 'INACTIVE'),
      cell: (cell) => <StatusBadge value={cell.getValue() as string} />,
    },
    timeColumn('lastLogin', 'Last sign-in', (user) => user.lastLoginAt),
  ];
  if (actions)
    columns.push({
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      enableGlobalFilter: false,
      cell: ({ row }) => actions(row.original),
    });
  return columns;
}

/** A tenant's users; `actions` adds a column of controls per user. */
export function UsersTable(props: {
  users: UserRow[] | undefined;
  loading: boolean;
  error: ErrorLike | undefined;
  caption: string;
  actions?: (user: UserRow) => ReactNode;
  serverPages?: ServerPages;
}) {
  return (
    <DataTable
      caption={props.caption}
      columns={userColumns(props.actions)}
      data={props.users}
      loading={props.loading}
      error={props.error}
      emptyTitle="No users yet"
      searchLabel="Search users"
      getRowId={(user) => user.id}
      {...(props.serverPages ? { serverPages: props.serverPages } : {})}
    />
  );
}
