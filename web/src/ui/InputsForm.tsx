import { type FormEvent, type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { Button, type ButtonVariant } from './Button.tsx';

/** One labelled text input of an `InputsForm`, controlled by its `value` and `onChange`. */
export interface LabelledInput extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Codes and keys read better in a monospaced font. */
  mono?: boolean;
}

const inputClass = {
  card: 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm',
  inline: 'mt-1 block w-64 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm',
} as const;

/**
 * A few required, labelled inputs and one submit button: the sign-in and two-factor forms. `card`
 * fills a narrow card (full-width button); `inline` sits in a page. `children` come first (a
 * heading, a status or error line); `describedBy`/`invalid` point every input at that line.
 */
export function InputsForm({
  fields,
  submitLabel,
  busyLabel = submitLabel,
  busy,
  onSubmit,
  layout = 'inline',
  variant = 'primary',
  invalid,
  describedBy,
  children,
  ...form
}: {
  fields: readonly LabelledInput[];
  submitLabel: string;
  busyLabel?: string;
  busy: boolean;
  onSubmit: () => void;
  layout?: keyof typeof inputClass;
  variant?: ButtonVariant;
  invalid?: boolean;
  describedBy?: string | undefined;
  children?: ReactNode;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  className?: string;
}) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} {...form}>
      {children}
      {fields.map(({ label, value, onChange, mono, className = '', ...input }, index) => (
        <div key={label} className={index > 0 ? 'mt-3' : undefined}>
          <label htmlFor={`${id}-${index}`} className="block text-sm font-medium text-slate-800">
            {label}
          </label>
          <input
            id={`${id}-${index}`}
            className={`${inputClass[layout]} ${mono ? 'font-mono' : ''} ${className}`}
            required
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy}
            {...input}
          />
        </div>
      ))}
      <Button type="submit" variant={variant} disabled={busy} className={layout === 'card' ? 'mt-5 w-full' : 'mt-3'}>
        {busy ? busyLabel : submitLabel}
      </Button>
    </form>
  );
}
