import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button, type ButtonVariant } from './Button.tsx';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  tone?: ButtonVariant;
  onConfirm: () => void;
}

/**
 * A modal question before a consequential action (suspend, revoke, deactivate). The native
 * <dialog> traps focus, closes on Escape and returns focus to the opener.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (request && dialog && !dialog.open) dialog.showModal();
    if (!request && dialog?.open) dialog.close();
  }, [request]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      {request && (
        <>
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {request.title}
          </h2>
          <div className="mt-2 text-sm text-slate-700">{request.body}</div>
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose} autoFocus>
              Cancel
            </Button>
            <Button
              variant={request.tone ?? 'danger'}
              onClick={() => {
                request.onConfirm();
                onClose();
              }}
            >
              {request.confirmLabel}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
