import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import type { TenantRole } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { useToast } from '../ui/Toast.tsx';
import { tenantRoleOptions } from './CreateUserForm.tsx';
import {
  deactivateUserMutation,
  reactivateUserMutation,
  type UserRow,
  updateUserRoleMutation,
} from './UserOperations.ts';

/**
 * Role changes and (de)activation of a tenant's users, shown at once (optimistic) and rolled back
 * with a message if the server refuses. Deactivating asks first: it ends the user's sessions.
 */
export function useUserActions() {
  const toast = useToast();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [updateRole] = useMutation(updateUserRoleMutation);
  const [deactivate] = useMutation(deactivateUserMutation);
  const [reactivate] = useMutation(reactivateUserMutation);

  const attempt = (work: Promise<unknown>, done: string) =>
    work.then(
      () => toast(done),
      (error: Error) => toast(`${done.replace(/^\w+ /, 'Could not change ')}: ${error.message}`, 'error'),
    );

  const changeRole = (user: UserRow, role: TenantRole) =>
    attempt(
      updateRole({
        variables: { id: user.id, role },
        optimisticResponse: { __typename: 'Mutation', updateUserRole: { __typename: 'User', id: user.id, role } },
      }),
      `Role of ${user.email} is now ${role.toLowerCase()}`,
    );

  const setActive = (user: UserRow, active: boolean) => {
    const optimistic = { __typename: 'User' as const, id: user.id, active };
    if (active)
      return attempt(
        reactivate({
          variables: { id: user.id },
          optimisticResponse: { __typename: 'Mutation', reactivateUser: optimistic },
        }),
        `${user.email} reactivated`,
      );
    setRequest({
      title: `Deactivate ${user.email}?`,
      body: 'They are signed out everywhere and cannot sign in until reactivated.',
      confirmLabel: 'Deactivate',
      onConfirm: () =>
        void attempt(
          deactivate({
            variables: { id: user.id },
            optimisticResponse: { __typename: 'Mutation', deactivateUser: optimistic },
          }),
          `${user.email} deactivated`,
        ),
    });
  };

  return { changeRole, setActive, dialog: <ConfirmDialog request={request} onClose={() => setRequest(null)} /> };
}

/** The controls of one user's row; none for the signed-in ADMIN's own account. */
export function UserRowActions({
  user,
  self,
  actions,
}: {
  user: UserRow;
  self: boolean;
  actions: ReturnType<typeof useUserActions>;
}) {
  const roleId = useId();
  if (self || user.role === 'SUPERADMIN') return <span className="text-xs text-slate-600">you</span>;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={roleId} className="sr-only">
        Role of {user.email}
      </label>
      <select
        id={roleId}
        value={user.role}
        onChange={(event) => void actions.changeRole(user, event.target.value as TenantRole)}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        {tenantRoleOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Button
        variant={user.active ? 'dangerQuiet' : 'secondary'}
        onClick={() => void actions.setActive(user, !user.active)}
      >
        {user.active ? 'Deactivate' : 'Reactivate'}
        <span className="sr-only"> {user.email}</span>
      </Button>
    </div>
  );
}
