import { useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { useToast } from '../ui/Toast.tsx';

/**
 * Revoking a credential (API key, machine client) after a confirmation; `revoke` applies it
 * optimistically, so the row shows "Revoked" at once.
 */
export function useRevoke<Row extends { name: string }>(kind: string, revoke: (row: Row) => Promise<unknown>) {
  const toast = useToast();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const ask = (row: Row) =>
    setRequest({
      title: `Revoke ${kind} “${row.name}”?`,
      body: `Requests made with it are refused within seconds. A revoked ${kind} cannot be restored.`,
      confirmLabel: 'Revoke',
      onConfirm: () =>
        void revoke(row).then(
          () => toast(`${kind} “${row.name}” revoked`),
          (error: Error) => toast(`Could not revoke “${row.name}”: ${error.message}`, 'error'),
        ),
    });
  return { ask, dialog: <ConfirmDialog request={request} onClose={() => setRequest(null)} /> };
}
