import type { ErrorLike } from '@apollo/client';
import { type FormEvent, useId, useState } from 'react';
import { type ApiErrorLine, apiErrorLines } from '../ui/api-errors.ts';
import { FormPanel } from '../ui/FormPanel.tsx';
import type { EditFormProps } from '../ui/use-api-form.ts';
import { type EditorField, editorValues, type FieldValue, itemData } from './item-data.ts';

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-invalid:border-red-600 focus:outline-2 focus:outline-indigo-600';
const inputType: Partial<Record<EditorField['type'], string>> = {
  NUMBER: 'number',
  DATE: 'date',
  EMAIL: 'email',
  URL: 'url',
};

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function DataInput({
  field,
  value,
  error,
  onChange,
}: {
  field: EditorField;
  value: FieldValue;
  error: string | undefined;
  onChange: (value: FieldValue) => void;
}) {
  const label = `${field.label}${field.required ? ' (required)' : ''}`;
  if (field.type === 'BOOLEAN')
    return (
      <label className="mb-4 flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        {field.label}
      </label>
    );
  const text = typeof value === 'string' ? value : '';
  return (
    <Field label={label} error={error} hint={field.type === 'JSON' ? 'JSON' : undefined}>
      {(props) =>
        field.type === 'ENUM' ? (
          <select {...props} className={inputClass} value={text} onChange={(event) => onChange(event.target.value)}>
            <option value="">—</option>
            {field.options?.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        ) : field.type === 'RICH_TEXT' || field.type === 'JSON' ? (
          <textarea
            {...props}
            rows={5}
            className={inputClass}
            value={text}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...props}
            type={inputType[field.type] ?? 'text'}
            step={field.type === 'NUMBER' ? 'any' : undefined}
            className={inputClass}
            value={text}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}

export interface ItemDraft {
  title: string;
  slug: string;
  data: Record<string, unknown>;
}

/** The API's errors by editor field (`input.title`, `input.data.price`); the rest for the banner. */
function placeErrors(error: ErrorLike) {
  const byField: Record<string, string> = {};
  const rest: ApiErrorLine[] = [];
  for (const line of apiErrorLines(error)) {
    const field = line.field?.replace(/^input\./, '');
    if (field) byField[field] = line.message;
    else rest.push(line);
  }
  return { byField, rest };
}

/** Title, slug and the content type's fields; client checks first, then the CMS's per-field errors. */
export function ItemEditor({
  title,
  submitLabel,
  fields,
  initial,
  onSave,
  onCancel,
}: EditFormProps<ItemDraft> & { fields: readonly EditorField[] }) {
  const [itemTitle, setItemTitle] = useState(initial.title);
  const [slug, setSlug] = useState(initial.slug);
  const [values, setValues] = useState(() => editorValues(fields, initial.data));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [unplaced, setUnplaced] = useState<ApiErrorLine[]>([]);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, errors: dataErrors } = itemData(fields, values);
    const found = Object.fromEntries(Object.entries(dataErrors).map(([name, message]) => [`data.${name}`, message]));
    if (itemTitle.trim() === '') found.title = 'Required';
    setErrors(found);
    setUnplaced([]);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSave({ title: itemTitle.trim(), slug: slug.trim(), data });
    } catch (error) {
      const placed = placeErrors(error as ErrorLike);
      setErrors(placed.byField);
      setUnplaced(placed.rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormPanel
      title={title}
      submitLabel={submitLabel}
      submitting={saving}
      errors={unplaced}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Title" error={errors.title}>
        {(props) => (
          <input
            {...props}
            className={inputClass}
            value={itemTitle}
            onChange={(event) => setItemTitle(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Slug"
        error={errors.slug}
        hint="Lower-case letters, digits and hyphens; made from the title when empty"
      >
        {(props) => (
          <input {...props} className={inputClass} value={slug} onChange={(event) => setSlug(event.target.value)} />
        )}
      </Field>
      {fields.map((field) => (
        <DataInput
          key={field.name}
          field={field}
          value={values[field.name] ?? ''}
          error={errors[`data.${field.name}`]}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
    </FormPanel>
  );
}
