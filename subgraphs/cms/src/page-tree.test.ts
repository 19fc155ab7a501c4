import { describe, expect, it } from 'vitest';
import { requestedParent, sortOrderSchema } from './page-tree.ts';

const page = '44444444-4444-4444-8444-444444444444';
const parent = '55555555-5555-4555-8555-555555555555';
const codeOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return (error as { extensions: { code: string; field?: string } }).extensions;
  }
  return null;
};

describe('requestedParent', () => {
  it('moves to the top level without a parent', () => {
    expect(requestedParent(page, null)).toBeNull();
    expect(requestedParent(page, undefined)).toBeNull();
  });

  it('takes another page as the parent', () => {
    expect(requestedParent(page, parent)).toBe(parent);
  });

  it('never makes a page its own parent', () => {
    expect(codeOf(() => requestedParent(page, page))).toEqual({ code: 'BAD_USER_INPUT', field: 'parentId' });
  });

  it('treats an id that is no UUID as a missing page', () => {
    expect(codeOf(() => requestedParent(page, 'root'))?.code).toBe('NOT_FOUND');
  });
});

describe('sortOrderSchema', () => {
  it('takes integers 0…1000000', () => {
    expect(sortOrderSchema.safeParse(0).success).toBe(true);
    expect(sortOrderSchema.safeParse(1_000_000).success).toBe(true);
    expect(sortOrderSchema.safeParse(-1).success).toBe(false);
    expect(sortOrderSchema.safeParse(1_000_001).success).toBe(false);
    expect(sortOrderSchema.safeParse(2.5).success).toBe(false);
  });
});
