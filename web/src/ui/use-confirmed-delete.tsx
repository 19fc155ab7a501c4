import type { ErrorLike } from '@apollo/client';
import { type ReactNode, useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { useToast } from './Toast.tsx';

export interface DeleteOptions<Row> {
  /** What is deleted, for the question and the toast: "content type". */
  noun: string;
  name: (row: Row) => string;
  /** Why the deletion matters (what goes with it, what the API refuses). */
  consequence?: ReactNode;
  /** Runs the mutation; it removes the row optimistically, so the list changes at once. */
  remove: (row: Row) => Promise<unknown>;
}

/**
 * Deleting a row after a confirmation. A refusal (a type still in use, a page with children) puts
 * the row back (the optimistic update is rolled back) and shows the API's reason with its request id.
 */
export function useConfirmedDelete<Row>({ noun, name, consequence, remove }: DeleteOptions<Row>) {
  const toast = useToast();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; error: ErrorLike } | null>(null);
  const ask = (row: Row) =>
    setRequest({
      title: `Delete ${noun} “${name(row)}”?`,
      body: consequence ?? 'This cannot be undone.',
      confirmLabel: 'Delete',
      onConfirm: () => {
        setRefusal(null);
        void remove(row).then(
          () => toast(`${noun[0]?.toUpperCase()}${noun.slice(1)} “${name(row)}” deleted`),
          (error: ErrorLike) => setRefusal({ title: `“${name(row)}” was not deleted`, error }),
        );
      },
    });
  const feedback = (
    <>
      <ConfirmDialog request={request} onClose={() => setRequest(null)} />
      {refusal && <ErrorBanner error={refusal.error} title={refusal.title} />}
    </>
  );
  return { ask, feedback };
}
