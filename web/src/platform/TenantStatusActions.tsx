import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { useToast } from '../ui/Toast.tsx';
import { reactivateTenantMutation, suspendTenantMutation } from './TenantOperations.ts';

interface TenantRef {
  id: string;
  name: string;
  status: string;
}

/**
 * Suspend or reactivate, after a confirmation. The new status shows at once (optimistic) and
 * rolls back if the server refuses.
 */
export function useTenantStatusActions() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const toast = useToast();
  const [suspend] = useMutation(suspendTenantMutation);
  const [reactivate] = useMutation(reactivateTenantMutation);

  const run = async (tenant: TenantRef, action: 'suspend' | 'reactivate') => {
    const status = action === 'suspend' ? 'SUSPENDED' : 'ACTIVE';
    try {
      if (action === 'suspend')
        await suspend({
          variables: { id: tenant.id },
          optimisticResponse: {
            __typename: 'Mutation',
            suspendTenant: { __typename: 'Tenant', id: tenant.id, status },
          },
        });
      else
        await reactivate({
          variables: { id: tenant.id },
          optimisticResponse: {
            __typename: 'Mutation',
            reactivateTenant: { __typename: 'Tenant', id: tenant.id, status },
          },
        });
      toast(`${tenant.name} ${action === 'suspend' ? 'suspended' : 'reactivated'}`);
    } catch (error) {
      toast(`Could not ${action} ${tenant.name}: ${(error as Error).message}`, 'error');
    }
  };

  const ask = (tenant: TenantRef) => {
    const suspending = tenant.status !== 'SUSPENDED';
    setRequest({
      title: suspending ? `Suspend ${tenant.name}?` : `Reactivate ${tenant.name}?`,
      body: suspending
        ? 'Its users, API keys and machine clients are refused within seconds, until it is reactivated.'
        : 'Its users, API keys and machine clients can sign in and call the API again.',
      confirmLabel: suspending ? 'Suspend' : 'Reactivate',
      tone: suspending ? 'danger' : 'primary',
      onConfirm: () => void run(tenant, suspending ? 'suspend' : 'reactivate'),
    });
  };

  const dialog = <ConfirmDialog request={request} onClose={() => setRequest(null)} />;
  return { ask, dialog };
}

/** The row or page button that opens the confirmation. */
export function TenantStatusButton({ tenant, onAsk }: { tenant: TenantRef; onAsk: (tenant: TenantRef) => void }) {
  const suspended = tenant.status === 'SUSPENDED';
  return (
    <Button variant={suspended ? 'secondary' : 'dangerQuiet'} onClick={() => onAsk(tenant)}>
      {suspended ? 'Reactivate' : 'Suspend'}
      <span className="sr-only"> {tenant.name}</span>
    </Button>
  );
}
