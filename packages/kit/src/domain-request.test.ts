import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changedFields, parsedWhere } from './domain-request.ts';
import { oncePerKey } from './loaders.ts';

describe('changedFields', () => {
  it('keeps what is given: null only in the clearable fields', () => {
    const input = { name: null, code: null, note: 'n', count: 0, left: undefined };
    expect(changedFields(input, ['code'])).toEqual({ code: null, note: 'n', count: 0 });
    expect(changedFields(input)).toEqual({ note: 'n', count: 0 });
  });
});

describe('parsedWhere', () => {
  const where = parsedWhere(z.object({ status: z.enum(['OPEN', 'WON']).nullish() }), (filter) => ({ ...filter }));

  it('parses the filter (absent: empty) before it becomes a where', () => {
    expect(where({ status: 'OPEN' })).toEqual({ status: 'OPEN' });
    expect(where(null)).toEqual({});
  });

  it('names the refused field under filter', () => {
    const sent = JSON.parse('{ "status": "LOST" }');
    expect(() => where(sent)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.status' } }),
    );
  });
});

describe('oncePerKey', () => {
  it('makes one value per key', () => {
    let made = 0;
    const loaderOf = oncePerKey((size: number) => ({ size, serial: ++made }));
    expect(loaderOf(5)).toBe(loaderOf(5));
    expect(loaderOf(20).size).toBe(20);
    expect(made).toBe(2);
  });
});
