import { describe, expect, test } from 'vitest';
import { editorValues, itemData, workflowActions, type EditorField } from './item-data.ts';

const fields: EditorField[] = [
  { name: 'title', label: 'Title', type: 'TEXT', required: true },
  { name: 'price', label: 'Price', type: 'NUMBER', required: false },
  { name: 'featured', label: 'Featured', type: 'BOOLEAN', required: false },
  { name: 'kind', label: 'Kind', type: 'ENUM', required: false, options: ['a', 'b'] },
  { name: 'meta', label: 'Meta', type: 'JSON', required: false },
];

describe('item data editor', () => {
  test('stored data becomes inputs and back, numbers and JSON parsed, empty optional fields left out', () => {
    const stored = { title: 'Hello', price: 9.5, featured: true, meta: { a: [1] } };
    const values = editorValues(fields, stored);
    expect(values).toEqual({
      title: 'Hello',
      price: '9.5',
      featured: true,
      kind: '',
      meta: '{\n  "a": [\n    1\n  ]\n}',
    });
    expect(itemData(fields, values)).toEqual({ data: stored, errors: {} });
  });

  test('problems are named by field', () => {
    const values = { title: ' ', price: 'cheap', featured: false, kind: 'c', meta: '{' };
    expect(itemData(fields, values).errors).toEqual({
      title: 'Required',
      price: 'Enter a number',
      kind: 'One of a, b',
      meta: 'Enter valid JSON',
    });
  });

  test('the workflow offers what the CMS allows from each status', () => {
    expect(workflowActions('DRAFT')).toEqual(['publish', 'archive']);
    expect(workflowActions('PUBLISHED')).toEqual(['unpublish', 'archive']);
    expect(workflowActions('ARCHIVED')).toEqual(['restore']);
  });
});
