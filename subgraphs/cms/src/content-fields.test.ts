import { parseInput } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { contentFieldsSchema, storedFields } from './content-fields.ts';
import type { ContentFieldInput } from './generated/graphql.ts';

const parse = (fields: ContentFieldInput[]) => parseInput(contentFieldsSchema, fields, 'input.fields');
const fieldOf = (fields: ContentFieldInput[]) => {
  try {
    parse(fields);
  } catch (error) {
    return (error as { extensions: { field: string } }).extensions.field;
  }
  return null;
};

describe('contentFieldsSchema', () => {
  it('fills the defaults of a field: label from the name, not required, no settings', () => {
    expect(parse([{ name: ' body ', type: 'RICH_TEXT' }])).toEqual([
      {
        name: 'body',
        label: 'body',
        type: 'RICH_TEXT',
        required: false,
        description: null,
        options: null,
        min: null,
        max: null,
        maxLength: null,
        referenceTypeId: null,
      },
    ]);
  });

  it('takes identifiers as names, unique regardless of case', () => {
    expect(fieldOf([{ name: '1st', type: 'TEXT' }])).toBe('input.fields.0.name');
    expect(fieldOf([{ name: 'a'.repeat(65), type: 'TEXT' }])).toBe('input.fields.0.name');
    expect(
      fieldOf([
        { name: 'title', type: 'TEXT' },
        { name: 'Title', type: 'TEXT' },
      ]),
    ).toBe('input.fields.1.name');
  });

  it('allows settings only on the types that have them', () => {
    expect(fieldOf([{ name: 'n', type: 'TEXT', options: ['a'] }])).toBe('input.fields.0.options');
    expect(fieldOf([{ name: 'n', type: 'TEXT', min: 1 }])).toBe('input.fields.0.min');
    expect(fieldOf([{ name: 'n', type: 'NUMBER', maxLength: 3 }])).toBe('input.fields.0.maxLength');
    expect(fieldOf([{ name: 'n', type: 'TEXT', referenceTypeId: '44444444-4444-4444-8444-444444444444' }])).toBe(
      'input.fields.0.referenceTypeId',
    );
  });

  it('needs unique options on an ENUM, and min not above max on a NUMBER', () => {
    expect(fieldOf([{ name: 'n', type: 'ENUM' }])).toBe('input.fields.0.options');
    expect(fieldOf([{ name: 'n', type: 'ENUM', options: ['a', 'a'] }])).toBe('input.fields.0.options');
    expect(fieldOf([{ name: 'n', type: 'NUMBER', min: 2, max: 1 }])).toBe('input.fields.0.max');
    expect(fieldOf([{ name: 'n', type: 'NUMBER', min: Number.POSITIVE_INFINITY }])).toBe('input.fields.0.min');
  });

  it('bounds the list, the texts and maxLength', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, type: 'TEXT' as const }));
    expect(fieldOf(many)).toBe('input.fields');
    expect(fieldOf([{ name: 'n', type: 'TEXT', description: 'x'.repeat(1001) }])).toBe('input.fields.0.description');
    expect(fieldOf([{ name: 'n', type: 'TEXT', maxLength: 1_000_001 }])).toBe('input.fields.0.maxLength');
    expect(fieldOf([{ name: 'n', type: 'TEXT', maxLength: 1.5 }])).toBe('input.fields.0.maxLength');
    expect(fieldOf([{ name: 'n', type: 'TEXT', label: 'a\u0000' }])).toBe('input.fields.0.label');
  });

  it('reads back a stored list as written', () => {
    const fields = parse([{ name: 'kind', type: 'ENUM', options: ['a', 'b'], required: true }]);
    expect(storedFields(JSON.parse(JSON.stringify(fields)))).toEqual(fields);
  });
});
