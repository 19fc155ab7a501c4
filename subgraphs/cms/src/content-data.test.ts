import { describe, expect, it } from 'vitest';
import { itemDataSchema } from './content-data.ts';
import { contentFieldsSchema } from './content-fields.ts';
import type { ContentFieldInput } from './generated/graphql.ts';

const schemaFor = (fields: ContentFieldInput[]) => itemDataSchema(contentFieldsSchema.parse(fields));
/** The first problem's path and message, or null when the data fits. */
const problem = (fields: ContentFieldInput[], data: Record<string, unknown>) => {
  const result = schemaFor(fields).safeParse(data);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
};

describe('itemDataSchema', () => {
  it('accepts data that fits the fields, optional ones absent or null', () => {
    const fields: ContentFieldInput[] = [
      { name: 'title', type: 'TEXT', required: true },
      { name: 'rating', type: 'NUMBER', min: 1, max: 5 },
      { name: 'kind', type: 'ENUM', options: ['news', 'story'] },
    ];
    expect(problem(fields, { title: 'Hello', rating: 5, kind: 'news' })).toBeNull();
    expect(problem(fields, { title: 'Hello', rating: null })).toBeNull();
  });

  it('refuses unknown keys and missing required fields', () => {
    const fields: ContentFieldInput[] = [{ name: 'title', type: 'TEXT', required: true }];
    expect(schemaFor(fields).safeParse({ title: 'a', extra: 1 }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(problem(fields, {})).toEqual({ path: 'title', message: 'is required' });
    expect(problem(fields, { title: null })).toEqual({ path: 'title', message: 'is required' });
  });

  it('checks each value against its type and settings', () => {
    expect(problem([{ name: 'n', type: 'NUMBER', max: 5 }], { n: 6 })?.path).toBe('n');
    expect(problem([{ name: 'n', type: 'NUMBER' }], { n: '6' })?.path).toBe('n');
    expect(problem([{ name: 'b', type: 'BOOLEAN' }], { b: 'yes' })?.path).toBe('b');
    expect(problem([{ name: 'e', type: 'EMAIL' }], { e: 'nobody' })?.path).toBe('e');
    expect(problem([{ name: 'u', type: 'URL' }], { u: 'ftp://example.com' })?.path).toBe('u');
    expect(problem([{ name: 'k', type: 'ENUM', options: ['a'] }], { k: 'b' })?.path).toBe('k');
    expect(problem([{ name: 'm', type: 'MEDIA' }], { m: 'not-an-id' })?.path).toBe('m');
    expect(problem([{ name: 'r', type: 'REFERENCE' }], { r: 'not-an-id' })?.path).toBe('r');
  });

  it('bounds text by the field’s maxLength, else by the type’s default', () => {
    expect(problem([{ name: 't', type: 'TEXT', maxLength: 3 }], { t: 'abcd' })?.message).toBe(
      'must be at most 3 characters',
    );
    expect(problem([{ name: 't', type: 'TEXT' }], { t: 'x'.repeat(10_001) })?.message).toBe(
      'must be at most 10000 characters',
    );
  });

  it('keeps DATE and DATETIME values inside 1900…9999', () => {
    const date: ContentFieldInput[] = [{ name: 'd', type: 'DATE' }];
    const time: ContentFieldInput[] = [{ name: 't', type: 'DATETIME' }];
    expect(problem(date, { d: '2025-01-31' })).toBeNull();
    expect(problem(date, { d: '1900-01-01' })).toBeNull();
    expect(problem(date, { d: '1899-12-31' })?.path).toBe('d');
    expect(problem(date, { d: '2025-02-30' })?.path).toBe('d');
    expect(problem(time, { t: '9999-12-31T23:59:59Z' })).toBeNull();
    expect(problem(time, { t: '9999-12-31T23:59:59-01:00' })?.path).toBe('t');
    expect(problem(time, { t: '0001-01-01T00:00:00Z' })?.path).toBe('t');
  });
});
