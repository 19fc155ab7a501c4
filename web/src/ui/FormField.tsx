import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useId } from 'react';
import { type FieldValues, get, type Path, type UseFormReturn } from 'react-hook-form';

interface FieldProps<Values extends FieldValues> {
  form: UseFormReturn<Values>;
  name: Path<Values>;
  label: string;
  hint?: ReactNode;
}

const controlClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-invalid:border-red-600 focus:outline-2 focus:outline-indigo-600';

/**
 * What every field shares: ids, the hint and the error message under the control (its zod or
 * server error, by name), and the control's accessibility attributes pointing at them.
 */
function useField<Values extends FieldValues>({ form, name, hint }: FieldProps<Values>) {
  const id = useId();
  const message = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  const [hintId, errorId] = [`${id}-hint`, `${id}-error`];
  const notes = (
    <>
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
    </>
  );
  const describedBy = [hint != null ? hintId : '', message ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const control = { id, 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy };
  return { id, notes, control };
}

function FieldFrame({
  id,
  label,
  notes,
  children,
}: {
  id: string;
  label: string;
  notes: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {notes}
    </div>
  );
}

/** A labelled input bound to react-hook-form; shows the zod or server error placed on its name. */
export function TextField<Values extends FieldValues>(
  props: FieldProps<Values> & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'form'>,
) {
  const { form, name, label, hint: _hint, ...input } = props;
  const { id, notes, control } = useField(props);
  return (
    <FieldFrame id={id} label={label} notes={notes}>
      <input className={controlClass} {...control} {...input} {...form.register(name)} />
    </FieldFrame>
  );
}

/** A labelled select bound to react-hook-form. */
export function SelectField<Values extends FieldValues>(
  props: FieldProps<Values> & {
    options: readonly { value: string; label: string }[];
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'form'>,
) {
  const { form, name, label, hint: _hint, options, ...select } = props;
  const { id, notes, control } = useField(props);
  return (
    <FieldFrame id={id} label={label} notes={notes}>
      <select className={controlClass} {...control} {...select} {...form.register(name)}>
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
  const { form, name, label, options } = props;
  const { id, notes, control } = useField(props);
  return (
    <fieldset className="mb-4" aria-describedby={control['aria-describedby']}>
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
      {notes}
    </fieldset>
  );
}

/** A labelled select outside a form (filters, pickers), with a first "all" choice. */
export function PickerSelect({
  label,
  value,
  onChange,
  options,
  emptyLabel = 'All',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  emptyLabel?: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      >
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
