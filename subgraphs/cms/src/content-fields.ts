import { idSchema, inputSchema, textSchema, uniqueNames } from '@codex/kit';
import { z } from 'zod';
import type { Prisma } from './db.ts';
import type { ContentFieldInput } from './generated/graphql.ts';
import { cmsLimits } from './limits.ts';

export const contentFieldTypes = [
  'TEXT',
  'RICH_TEXT',
  'NUMBER',
  'BOOLEAN',
  'DATE',
  'DATETIME',
  'EMAIL',
  'URL',
  'ENUM',
  'JSON',
  'MEDIA',
  'REFERENCE',
] as const;
export type ContentFieldType = (typeof contentFieldTypes)[number];

/** Field types whose values are strings with a length limit. */
const textTypes = new Set<ContentFieldType>(['TEXT', 'RICH_TEXT', 'EMAIL', 'URL']);
export const maxFieldsPerType = cmsLimits.fieldsPerType;
const { text } = cmsLimits;

/** One field of a content type, as stored in `content_types.fields` and shown as `ContentField`. */
export interface ContentFieldDefinition {
  name: string;
  label: string;
  type: ContentFieldType;
  required: boolean;
  description: string | null;
  options: string[] | null;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  referenceTypeId: string | null;
}

/** The key in item data: safe as a JSON key, a GraphQL-ish identifier and a path segment. */
const fieldName = textSchema(cmsLimits.text.fieldName).pipe(
  z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
      'must be an identifier: letters, digits and underscores, not starting with a digit, at most 64 characters',
    ),
);

/** Float settings: finite (JSON cannot hold anything else). */
const limitValue = z.number().refine(Number.isFinite, 'must be a finite number');

const fieldInput = inputSchema<ContentFieldInput>()(
  z.object({
    name: fieldName,
    label: textSchema(text.fieldLabel, { min: 1 }).nullish(),
    type: z.enum(contentFieldTypes),
    required: z.boolean().nullish(),
    description: textSchema(text.fieldDescription).nullish(),
    options: z
      .array(textSchema(text.fieldOption, { min: 1 }))
      .max(cmsLimits.optionsPerField, `at most ${cmsLimits.optionsPerField} options`)
      .nullish(),
    min: limitValue.nullish(),
    max: limitValue.nullish(),
    maxLength: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(cmsLimits.maxLength, `must be at most ${cmsLimits.maxLength}`)
      .nullish(),
    referenceTypeId: idSchema.nullish(),
  }),
);
export type FieldInput = z.infer<typeof fieldInput>;

/** Settings that only make sense for some types, with the message when given elsewhere. */
const onlyFor: { key: keyof FieldInput; allowed: (type: ContentFieldType) => boolean; message: string }[] = [
  { key: 'options', allowed: (type) => type === 'ENUM', message: 'only ENUM fields have options' },
  { key: 'min', allowed: (type) => type === 'NUMBER', message: 'only NUMBER fields have a minimum' },
  { key: 'max', allowed: (type) => type === 'NUMBER', message: 'only NUMBER fields have a maximum' },
  {
    key: 'maxLength',
    allowed: (type) => textTypes.has(type),
    message: 'only TEXT, RICH_TEXT, EMAIL and URL fields have a maximum length',
  },
  {
    key: 'referenceTypeId',
    allowed: (type) => type === 'REFERENCE',
    message: 'only REFERENCE fields name a content type',
  },
];

/** Rules between the settings of one field: what zod's per-key checks cannot see. */
function checkField(field: FieldInput, context: z.RefinementCtx) {
  for (const rule of onlyFor) {
    if (field[rule.key] != null && !rule.allowed(field.type))
      context.addIssue({ code: 'custom', path: [rule.key], message: rule.message });
  }
  if (field.type === 'ENUM' && !field.options?.length)
    context.addIssue({ code: 'custom', path: ['options'], message: 'an ENUM field needs at least one option' });
  if (field.options && new Set(field.options).size !== field.options.length)
    context.addIssue({ code: 'custom', path: ['options'], message: 'options must be unique' });
  if (field.min != null && field.max != null && field.min > field.max)
    context.addIssue({ code: 'custom', path: ['max'], message: 'must not be below min' });
}

/** A field as stored: what was not given takes its default (label: the name; not required; no settings). */
export const toDefinition = (field: FieldInput): ContentFieldDefinition => ({
  name: field.name,
  label: field.label ?? field.name,
  type: field.type,
  required: field.required ?? false,
  description: field.description ?? null,
  options: field.options ?? null,
  min: field.min ?? null,
  max: field.max ?? null,
  maxLength: field.maxLength ?? null,
  referenceTypeId: field.referenceTypeId ?? null,
});

/** A content type's field list: each field valid on its own, names unique (case-insensitively, as people read them). */
export const contentFieldsSchema = z
  .array(fieldInput.superRefine(checkField))
  .max(maxFieldsPerType, `at most ${maxFieldsPerType} fields`)
  .superRefine(uniqueNames((field) => `"${field.name}" is already a field of this type`))
  .transform((fields) => fields.map(toDefinition));

/** The field list stored with a type. Written only through `contentFieldsSchema`, so a failure here is a bug. */
export function storedFields(fields: Prisma.JsonValue): ContentFieldDefinition[] {
  return contentFieldsSchema.parse(fields);
}
