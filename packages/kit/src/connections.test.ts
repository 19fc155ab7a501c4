import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type SortOrder, creationSort, decodeCursor, encodeCursor, sortOrderOf } from './connections.ts';

const id = '0b6a3c9e-6f0b-4f43-9d51-0a7e2f0e3c11';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions : 'not a GraphQLError';
  }
  return 'accepted';
};

describe('cursors', () => {
  const byName: SortOrder = { field: 'name', direction: 'ASC', kind: 'text' };
  const byRank: SortOrder = { field: 'searchRank', direction: 'DESC', kind: 'real' };
  const byPosition: SortOrder = { field: 'sortOrder', direction: 'ASC' };

  it('round-trips dates, text, numbers and decimals', () => {
    const createdAt = new Date('2026-03-01T10:00:00.000Z');
    expect(decodeCursor(encodeCursor({ id, createdAt } as never))).toEqual({ value: createdAt, id });
    expect(decodeCursor(encodeCursor({ id, name: 'Ada' } as never, byName), byName)).toEqual({ value: 'Ada', id });
    expect(decodeCursor(encodeCursor({ id, sortOrder: 3 } as never, byPosition), byPosition)).toEqual({ value: 3, id });
    const byTotal: SortOrder = { field: 'total', direction: 'DESC', kind: 'decimal' };
    const total = { toFixed: () => '12.5', toString: () => '12.5' };
    expect(decodeCursor(encodeCursor({ id, total } as never, byTotal), byTotal)).toEqual({ value: '12.5', id });
    expect(decodeCursor(raw(['searchRank', 'DESC', '6.07927e-05', id]), byRank)).toEqual({ value: '6.07927e-05', id });
  });

  it.each([
    ['not base64url', '!!!not base64!!!', creationSort],
    ['base64 of something not JSON', Buffer.from('nope').toString('base64url'), creationSort],
    ['a JSON object', raw({ field: 'createdAt' }), creationSort],
    ['too few elements', raw(['createdAt', 'ASC', { d: '2026-01-01T00:00:00Z' }]), creationSort],
    ['too many elements', raw(['createdAt', 'ASC', { d: '2026-01-01T00:00:00Z' }, id, 1]), creationSort],
    ['another field', raw(['updatedAt', 'ASC', { d: '2026-01-01T00:00:00Z' }, id]), creationSort],
    ['another direction', raw(['createdAt', 'DESC', { d: '2026-01-01T00:00:00Z' }, id]), creationSort],
    ['an id that is not a uuid', raw(['createdAt', 'ASC', { d: '2026-01-01T00:00:00Z' }, 'x']), creationSort],
    ['a number id', raw(['createdAt', 'ASC', { d: '2026-01-01T00:00:00Z' }, 5]), creationSort],
    ['a string for a date', raw(['createdAt', 'ASC', 'yesterday', id]), creationSort],
    ['a number for a date', raw(['createdAt', 'ASC', 0, id]), creationSort],
    ['an impossible date', raw(['createdAt', 'ASC', { d: '2026-02-30T00:00:00Z' }, id]), creationSort],
    ['year 0', raw(['createdAt', 'ASC', { d: '0000-01-01T00:00:00Z' }, id]), creationSort],
    ['a date tag with extra keys', raw(['createdAt', 'ASC', { d: '2026-01-01T00:00:00Z', x: 1 }, id]), creationSort],
    ['a date for text', raw(['name', 'ASC', { d: '2026-01-01T00:00:00Z' }, id]), byName],
    ['NUL in text', raw(['name', 'ASC', 'a\u0000', id]), byName],
    ['text over 1,000 characters', raw(['name', 'ASC', 'a'.repeat(1001), id]), byName],
    ['a rank beyond real', raw(['searchRank', 'DESC', '1e39', id]), byRank],
    ['a rank that underflows real', raw(['searchRank', 'DESC', '1e-50', id]), byRank],
    ['a rank that is not a number', raw(['searchRank', 'DESC', 'NaN', id]), byRank],
    ['a fractional position', raw(['sortOrder', 'ASC', 1.5, id]), byPosition],
    ['a position beyond integer', raw(['sortOrder', 'ASC', 2 ** 31, id]), byPosition],
    ['a huge cursor', 'A'.repeat(10_000), creationSort],
  ])('refuses %s with BAD_USER_INPUT on after', (_name, cursor, sort) => {
    expect(refusal(() => decodeCursor(cursor, sort))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('infers dates from the column name when the kind is not given', () => {
    const byEnd: SortOrder = { field: 'currentPeriodEnd', direction: 'ASC' };
    expect(refusal(() => decodeCursor(raw(['currentPeriodEnd', 'ASC', 'x', id]), byEnd))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});

describe('sortOrderOf', () => {
  it('maps the enum to a column, with the kind when given', () => {
    const columns = { NAME: 'name', TOTAL: { field: 'total', kind: 'decimal' as const } };
    expect(sortOrderOf({ field: 'NAME', direction: 'DESC' }, columns)).toEqual({ field: 'name', direction: 'DESC' });
    expect(sortOrderOf({ field: 'TOTAL', direction: 'ASC' }, columns)).toEqual({
      field: 'total',
      direction: 'ASC',
      kind: 'decimal',
    });
    expect(sortOrderOf(null, columns)).toBe(creationSort);
  });
});
