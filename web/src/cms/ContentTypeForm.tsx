import { type Path, useFieldArray } from 'react-hook-form';
import type { ContentFieldInput } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { enumLabel } from '../ui/format.ts';
import { type EditFormProps, useEditForm } from '../ui/use-api-form.ts';
import { useSlugFrom } from './use-slug-from.ts';
import {
  type ContentTypeFormValues,
  contentFieldTypes,
  contentTypeLimits,
  contentTypeFormSchema,
  emptyFieldRow,
  fieldInput,
} from './content-type-form.ts';

const typeOptions = contentFieldTypes.map((type) => ({ value: type, label: enumLabel(type) }));
const rowKeys = ['name', 'label', 'type', 'required', 'options'] as const;

export interface ContentTypeDraft {
  name: string;
  slug: string;
  description: string | null;
  fields: ContentFieldInput[];
}

/** Every form path the API may name in `extensions.field` (`input.fields.2.name` → `fields.2.name`). */
const formPaths = (rows: number): Path<ContentTypeFormValues>[] => [
  'name',
  'slug',
  'description',
  'fields',
  ...Array.from({ length: rows }, (_, index) => rowKeys.map((key) => `fields.${index}.${key}` as const)).flat(),
];

/** A content type and its field editor: add, remove and set up fields; ENUM fields take options. */
export function ContentTypeForm(props: EditFormProps<ContentTypeFormValues, ContentTypeDraft>) {
  const { form, panel } = useEditForm(props, {
    schema: contentTypeFormSchema,
    fields: formPaths(contentTypeLimits.fields),
    toSaved: (values) => ({
      name: values.name,
      slug: values.slug,
      description: values.description || null,
      fields: values.fields.map(fieldInput),
    }),
  });
  useSlugFrom(form, 'name', 'slug');
  const rows = useFieldArray({ control: form.control, name: 'fields' });
  const types = form.watch('fields');
  return (
    <FormPanel {...panel}>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="name" label="Name" />
        <TextField form={form} name="slug" label="Slug" hint="Lower-case letters, digits and single hyphens" />
      </div>
      <TextField form={form} name="description" label="Description" />
      <fieldset className="mb-4 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Fields</legend>
        {rows.fields.length === 0 && <p className="mb-2 text-sm text-slate-600">No fields yet.</p>}
        {rows.fields.map((row, index) => (
          <div key={row.id} className="mb-3 grid grid-cols-2 gap-x-3 border-b border-slate-100 pb-2 sm:grid-cols-4">
            <TextField form={form} name={`fields.${index}.name`} label={`Field ${index + 1} name`} />
            <TextField form={form} name={`fields.${index}.label`} label={`Field ${index + 1} label`} />
            <SelectField
              form={form}
              name={`fields.${index}.type`}
              label={`Field ${index + 1} type`}
              options={typeOptions}
            />
            <div className="flex items-center gap-3 pt-5">
              <label className="flex items-center gap-1 text-sm">
                <input type="checkbox" {...form.register(`fields.${index}.required`)} /> Required
              </label>
              <Button variant="secondary" aria-label={`Remove field ${index + 1}`} onClick={() => rows.remove(index)}>
                Remove
              </Button>
            </div>
            {types[index]?.type === 'ENUM' && (
              <div className="col-span-full">
                <TextField
                  form={form}
                  name={`fields.${index}.options`}
                  label={`Field ${index + 1} options`}
                  hint="Separated by commas"
                />
              </div>
            )}
          </div>
        ))}
        <Button variant="secondary" onClick={() => rows.append(emptyFieldRow())}>
          Add field
        </Button>
      </fieldset>
    </FormPanel>
  );
}
