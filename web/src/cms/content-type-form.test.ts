import { describe, expect, test } from 'vitest';
import {
  contentTypeFormSchema,
  emptyFieldRow,
  fieldInput,
  fieldRowOf,
  fieldRowSchema,
  slugFrom,
} from './content-type-form.ts';

const form = { name: 'Blog post', slug: 'blog-post', description: '', fields: [] };
const paths = (values: object) => {
  const result = contentTypeFormSchema.safeParse({ ...form, ...values });
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

describe('content type form', () => {
  test('a slug is proposed from the name', () => {
    expect(slugFrom('  Blog Post! 2026 ')).toBe('blog-post-2026');
    expect(slugFrom('Ünïcode café')).toBe('unicode-cafe');
    expect(slugFrom('a'.repeat(130))).toHaveLength(120);
  });

  test('slug and field names are checked as the CMS checks them', () => {
    expect(paths({ slug: 'Blog--post' })).toEqual([['slug', 'Lower-case letters, digits and single hyphens']]);
    const field = { ...emptyFieldRow(), name: '1st' };
    expect(paths({ fields: [field] })[0]?.[0]).toBe('fields.0.name');
  });

  test('duplicate field names and an ENUM without options are refused on the field', () => {
    const body = { ...emptyFieldRow(), name: 'body' };
    const kind = { ...emptyFieldRow(), name: 'kind', type: 'ENUM' };
    expect(paths({ fields: [body, body, kind] })).toEqual([
      ['fields.2.options', 'An ENUM field needs options'],
      ['fields.1.name', 'Field names must be unique'],
    ]);
  });

  test('a field row becomes the API input: options only for ENUM, label defaulting to the name', () => {
    const row = fieldRowSchema.parse({ ...emptyFieldRow(), name: 'kind', type: 'ENUM', options: 'a, b,, c' });
    expect(fieldInput(row)).toEqual({
      name: 'kind',
      label: 'kind',
      type: 'ENUM',
      required: false,
      options: ['a', 'b', 'c'],
    });
    const text = fieldRowSchema.parse({ ...emptyFieldRow(), name: 'body', label: 'Body', options: 'ignored' });
    expect(fieldInput(text)).toEqual({ name: 'body', label: 'Body', type: 'TEXT', required: false });
    expect(fieldRowOf({ name: 'k', label: 'K', type: 'ENUM', required: true, options: ['x', 'y'] }).options).toBe(
      'x, y',
    );
  });
});
