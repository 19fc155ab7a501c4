import type { FormEventHandler, ReactNode } from 'react';
import { useId } from 'react';
import type { ApiErrorLine } from './api-errors.ts';
import { Button } from './Button.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';

/** A titled form (create this, invite that) with its submit button and errors no field claimed. */
export function FormPanel({
  title,
  submitLabel,
  submitting,
  errors,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  submitLabel: string;
  submitting: boolean;
  errors: ApiErrorLine[];
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <form
      aria-labelledby={titleId}
      onSubmit={onSubmit}
      noValidate
      className="mb-6 max-w-xl rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id={titleId} className="mb-4 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <ErrorBanner lines={errors} title="Could not save" />
      {children}
      <div className="flex gap-2">
        <Button type="submit" disabled={submitting}>
          {submitting ? 'Saving…' : submitLabel}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
