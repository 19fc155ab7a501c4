import { z } from 'zod';
import { type ContentFieldInput, ContentFieldType } from '../generated/operations.ts';

/** CMS's limits (prisma/cms, subgraphs/cms/src/limits.ts and content-fields.ts), checked before sending. */
export const contentTypeLimits = {
  slug: 120,
  name: 200,
  description: 2000,
  fields: 100,
  fieldLabel: 200,
  fieldDescription: 1000,
  options: 200,
  option: 200,
} as const;

/** Every field type of the API, from the generated enum: a type added to the schema is offered by itself. */
export const contentFieldTypes = Object.values(ContentFieldType);

/** Lower-case letters, digits and single hyphens, as the CMS's slugs. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug proposed from a name: `Blog Post!` → `blog-post`. */
export const slugFrom = (name: string, max = contentTypeLimits.slug) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** One row of the field editor; options are typed as one comma-separated text. */
export const fieldRowSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Letters, digits and _, not starting with a digit (at most 64)'),
    label: text(contentTypeLimits.fieldLabel),
    type: z.enum(ContentFieldType),
    required: z.boolean(),
    options: z.string(),
  })
  .superRefine((row, context) => {
    const options = splitOptions(row.options);
    if (row.type === 'ENUM' && options.length === 0)
      context.addIssue({ code: 'custom', path: ['options'], message: 'An ENUM field needs options' });
    if (new Set(options).size !== options.length)
      context.addIssue({ code: 'custom', path: ['options'], message: 'Options must be unique' });
    if (options.length > contentTypeLimits.options)
      context.addIssue({ code: 'custom', path: ['options'], message: `At most ${contentTypeLimits.options} options` });
  });

export const splitOptions = (text: string) =>
  text
    .split(',')
    .map((option) => option.trim())
    .filter((option) => option !== '');

export const contentTypeFormSchema = z
  .object({
    name: text(contentTypeLimits.name).min(1, 'Required'),
    slug: text(contentTypeLimits.slug).regex(slugPattern, 'Lower-case letters, digits and single hyphens'),
    description: text(contentTypeLimits.description),
    fields: z.array(fieldRowSchema).max(contentTypeLimits.fields, `At most ${contentTypeLimits.fields} fields`),
  })
  .superRefine((form, context) => {
    const seen = new Set<string>();
    form.fields.forEach((field, index) => {
      if (seen.has(field.name))
        context.addIssue({ code: 'custom', path: ['fields', index, 'name'], message: 'Field names must be unique' });
      seen.add(field.name);
    });
  });

export type ContentTypeFormValues = z.input<typeof contentTypeFormSchema>;
export type FieldRow = z.input<typeof fieldRowSchema>;

export const emptyFieldRow = (): FieldRow => ({ name: '', label: '', type: 'TEXT', required: false, options: '' });

interface StoredField {
  name: string;
  label: string;
  type: ContentFieldType;
  required: boolean;
  options?: readonly string[] | null;
}

export const fieldRowOf = (field: StoredField): FieldRow => ({
  name: field.name,
  label: field.label,
  type: field.type,
  required: field.required,
  options: field.options?.join(', ') ?? '',
});

/** A valid field row as the API's input: options only for ENUM, the label defaulting to the name. */
export const fieldInput = (row: z.output<typeof fieldRowSchema>): ContentFieldInput => ({
  name: row.name,
  label: row.label === '' ? row.name : row.label,
  type: row.type,
  required: row.required,
  ...(row.type === 'ENUM' ? { options: splitOptions(row.options) } : {}),
});
