import type { ContentFieldType, ContentStatus } from '../generated/operations.ts';

/** A content type's field as the item editor needs it. */
export interface EditorField {
  name: string;
  label: string;
  type: ContentFieldType;
  required: boolean;
  options?: readonly string[] | null;
}

/** An input's value: text for most fields, a checkbox for BOOLEAN. */
export type FieldValue = string | boolean;

/** Stored item data as editor inputs (JSON and unknown values as JSON text). */
export function editorValues(
  fields: readonly EditorField[],
  data: Record<string, unknown>,
): Record<string, FieldValue> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = data[field.name];
      if (field.type === 'BOOLEAN') return [field.name, value === true];
      if (value === undefined || value === null) return [field.name, ''];
      if (field.type === 'JSON' || typeof value === 'object') return [field.name, JSON.stringify(value, null, 2)];
      return [field.name, String(value)];
    }),
  );
}

type Parsed = { value: unknown } | { error: string };

function parseValue(field: EditorField, text: string): Parsed {
  if (field.type === 'NUMBER') {
    const number = Number(text);
    return Number.isFinite(number) ? { value: number } : { error: 'Enter a number' };
  }
  if (field.type === 'JSON') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: 'Enter valid JSON' };
    }
  }
  if (field.type === 'ENUM' && field.options && !field.options.includes(text))
    return { error: `One of ${field.options.join(', ')}` };
  return { value: text };
}

/**
 * Editor inputs as item data: numbers and JSON parsed, empty optional fields left out; problems
 * by field name (the CMS validates the rest and names the field in its error).
 */
export function itemData(
  fields: readonly EditorField[],
  values: Record<string, FieldValue>,
): { data: Record<string, unknown>; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.type === 'BOOLEAN') {
      data[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.required) errors[field.name] = 'Required';
      continue;
    }
    const parsed = parseValue(field, text);
    if ('error' in parsed) errors[field.name] = parsed.error;
    else data[field.name] = parsed.value;
  }
  return { data, errors };
}

export type WorkflowAction = 'publish' | 'unpublish' | 'archive' | 'restore';

/** The workflow steps an item in `status` may take, as the CMS allows them. */
export function workflowActions(status: ContentStatus): WorkflowAction[] {
  if (status === 'DRAFT') return ['publish', 'archive'];
  if (status === 'PUBLISHED') return ['unpublish', 'archive'];
  return ['restore'];
}

/** The status an action leads to, for the optimistic answer. */
export const statusAfter: Record<WorkflowAction, ContentStatus> = {
  publish: 'PUBLISHED',
  unpublish: 'DRAFT',
  archive: 'ARCHIVED',
  restore: 'DRAFT',
};
