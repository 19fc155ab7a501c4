import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useId } from 'react';
import { type FieldValues, type Path, type UseFormReturn, get } from 'react-hook-form';

interface FieldProps<Values extends FieldValues> {
  form: UseFormReturn<Values>;
  name: Path<Values>;
  label: string;
  hint?: ReactNode;
}

function useFieldIds<Values extends FieldValues>({ form, name }: FieldProps<Values>) {
  const id = useId();
  const message = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  return { id, errorId: `${id}-error`, hintId: `${id}-hint`, message };
}

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-invalid:border-red-600 focus:outline-2 focus:outline-indigo-600';

function FieldFrame({
  id,
  label,
  hint,
  hintId,
  message,
  errorId,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  hintId: string;
  message: string | undefined;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}

function describedBy(hint: ReactNode, hintId: string, message: string | undefined, errorId: string) {
  return [hint ? hintId : '', message ? errorId : ''].filter(Boolean).join(' ') || undefined;
}

/** A labelled input bound to react-hook-form; shows the zod or server error placed on its name. */
export function TextField<Values extends FieldValues>(
  props: FieldProps<Values> & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'form'>,
) {
  const { form, name, label, hint, ...input } = props;
  const { id, errorId, hintId, message } = useFieldIds(props);
  return (
    <FieldFrame {...{ id, label, hint, hintId, message, errorId }}>
      <input
        id={id}
        className={inputClass}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hint, hintId, message, errorId)}
        {...input}
        {...form.register(name)}
      />
    </FieldFrame>
  );
}

/** A labelled select bound to react-hook-form. */
export function SelectField<Values extends FieldValues>(
  props: FieldProps<Values> & {
    options: readonly { value: string; label: string }[];
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'form'>,
) {
  const { form, name, label, hint, options, ...select } = props;
  const { id, errorId, hintId, message } = useFieldIds(props);
  return (
    <FieldFrame {...{ id, label, hint, hintId, message, errorId }}>
      <select
        id={id}
        className={inputClass}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hint, hintId, message, errorId)}
        {...select}
        {...form.register(name)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Several checkboxes bound to one array field (e.g. scopes), grouped under a legend. */
export function CheckboxGroupField<Values extends FieldValues>(
  props: FieldProps<Values> & { options: readonly { value: string; label: string; description?: string }[] },
) {
  const { form, name, label, hint, options } = props;
  const { id, errorId, hintId, message } = useFieldIds(props);
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(hint, hintId, message, errorId)}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.value} htmlFor={`${id}-${option.value}`} className="flex items-start gap-2 text-sm">
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              value={option.value}
              className="mt-1"
              {...form.register(name)}
            />
            <span>
              {option.label}
              {option.description && <span className="block text-xs text-slate-600">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      )}
    </fieldset>
  );
}
