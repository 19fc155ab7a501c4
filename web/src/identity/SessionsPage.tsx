import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useSignedInUser } from '../auth/session-context.ts';
import type { SessionsQuery } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { PickerSelect } from '../ui/FormField.tsx';
import { timeColumn } from '../ui/columns.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useToast } from '../ui/Toast.tsx';
import { revokeSessionMutation, sessionUserChoicesQuery, sessionsQuery } from './SessionOperations.ts';

type SessionRow = SessionsQuery['sessions'][number];

function sessionColumns(onRevoke: (session: SessionRow) => void): ColumnDef<SessionRow, unknown>[] {
  return [
    {
      id: 'device',
      header: 'Device',
      accessorFn: (session) => session.userAgent ?? 'unknown',
      cell: ({ row }) => (
        <>
          <span className="block max-w-md truncate" title={row.original.userAgent ?? ''}>
            {row.original.userAgent ?? 'unknown device'}
          </span>
          {row.original.current && <span className="text-xs font-medium text-emerald-800">this session</span>}
        </>
      ),
    },
    { id: 'ip', header: 'Address', accessorFn: (session) => session.ip ?? '—' },
    timeColumn('lastActive', 'Last active', (session) => session.lastRefreshedAt),
    timeColumn('expires', 'Expires', (session) => session.expiresAt),
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      enableGlobalFilter: false,
      cell: ({ row }) =>
        row.original.current ? (
          <span className="text-xs text-slate-600">use “Log out”</span>
        ) : (
          <Button variant="dangerQuiet" onClick={() => onRevoke(row.original)}>
            Revoke<span className="sr-only"> session from {row.original.ip ?? 'unknown address'}</span>
          </Button>
        ),
    },
  ];
}

/** An ADMIN picks whose sessions to see; others see their own. */
function UserPicker({ value, onChange }: { value: string; onChange: (userId: string) => void }) {
  const { data } = useQuery(sessionUserChoicesQuery);
  const users = data?.users.edges.map(({ node }) => ({ value: node.id, label: node.email })) ?? [];
  return (
    <div className="mb-4">
      <PickerSelect label="Sessions of" value={value} onChange={onChange} options={users} emptyLabel="me" />
    </div>
  );
}

/** Live sign-in sessions, revocable one by one (the current one ends with "Log out"). */
export function SessionsPage() {
  const me = useSignedInUser();
  const toast = useToast();
  const [userId, setUserId] = useState('');
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const { data, error, loading } = useQuery(sessionsQuery, {
    variables: { userId: userId || null },
    fetchPolicy: 'cache-and-network',
  });
  const [revokeSession] = useMutation(revokeSessionMutation);
  const revoke = (session: SessionRow) =>
    revokeSession({
      variables: { id: session.id },
      optimisticResponse: { __typename: 'Mutation', revokeSession: true },
      // Gone from the list at once; lists drop references to evicted objects.
      update: (cache) => void cache.evict({ id: cache.identify({ __typename: 'Session', id: session.id }) }),
    }).then(
      () => toast('Session revoked'),
      (failure: Error) => toast(`Could not revoke the session: ${failure.message}`, 'error'),
    );
  const ask = (session: SessionRow) =>
    setRequest({
      title: 'Revoke this session?',
      body: `The device at ${session.ip ?? 'an unknown address'} is signed out within seconds.`,
      confirmLabel: 'Revoke',
      onConfirm: () => void revoke(session),
    });
  return (
    <section>
      <PageHeader title="Sessions" description="Where you (or your tenant's users) are signed in." />
      {me.role === 'ADMIN' && <UserPicker value={userId} onChange={setUserId} />}
      <DataTable
        caption="Live sessions"
        columns={sessionColumns(ask)}
        data={data?.sessions}
        loading={loading}
        error={error}
        emptyTitle="No live sessions"
        getRowId={(session) => session.id}
        initialSorting={[{ id: 'lastActive', desc: true }]}
      />
      <ConfirmDialog request={request} onClose={() => setRequest(null)} />
    </section>
  );
}
