import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSignedInUser } from '../auth/session-context.ts';
import { Button } from '../ui/Button.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { CreateUserForm } from './CreateUserForm.tsx';
import { UserRowActions, useUserActions } from './UserActions.tsx';
import { tenantUsersQuery } from './UserOperations.ts';
import { UsersTable } from './UsersTable.tsx';

/** An ADMIN's users: invite or create, change role, deactivate and reactivate. */
export function UsersPage() {
  const me = useSignedInUser();
  const [creating, setCreating] = useState(false);
  const actions = useUserActions();
  const { data, error, loading, networkStatus, fetchMore } = useQuery(tenantUsersQuery, {
    variables: { first: 100 },
    notifyOnNetworkStatusChange: true,
  });
  const users = data?.users;
  return (
    <section>
      <PageHeader
        title="Users"
        description="People who sign in to your tenant, and what they may do."
        actions={!creating && <Button onClick={() => setCreating(true)}>New user</Button>}
      />
      {creating && <CreateUserForm onDone={() => setCreating(false)} />}
      <UsersTable
        caption="Users of your tenant"
        users={users?.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        actions={(user) => <UserRowActions user={user} self={user.id === me.id} actions={actions} />}
        {...(users && {
          serverPages: {
            total: users.totalCount,
            hasMore: users.pageInfo.hasNextPage,
            loadingMore: networkStatus === NetworkStatus.fetchMore,
            loadMore: () => void fetchMore({ variables: { after: users.pageInfo.endCursor } }),
          },
        })}
      />
      {actions.dialog}
    </section>
  );
}
