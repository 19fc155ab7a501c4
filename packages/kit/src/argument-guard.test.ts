import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findUnstorableString, guardArguments } from './argument-guard.ts';

describe('findUnstorableString', () => {
  it('finds nothing in clean arguments', () => {
    expect(findUnstorableString({})).toBeNull();
    expect(findUnstorableString({ id: 'a', first: 5, input: { tags: ['x', 'y'], data: { ключ: '😀' } } })).toBeNull();
  });

  it.each([
    [{ input: { firstName: 'a\u0000b' } }, 'input.firstName'],
    [{ events: [{ name: 'ok' }, { name: 'ok' }, { name: 'ok' }, { name: '\ud800' }] }, 'events.3.name'],
    [{ filter: { tags: ['fine', '\udfff'] } }, 'filter.tags.1'],
    [{ slug: '\u0000' }, 'slug'],
    [{ input: { data: { 'bad\u0000key': 1 } } }, 'input.data.bad\u0000key'],
  ])('names the path of the first bad string in %j', (args, path) => {
    expect(findUnstorableString(args)).toBe(path);
  });

  it('walks very deep arguments without recursion', () => {
    const root: Record<string, unknown> = {};
    let current = root;
    for (let level = 0; level < 100_000; level++) {
      const next: Record<string, unknown> = {};
      current.a = next;
      current = next;
    }
    current.b = '\u0000';
    expect(findUnstorableString(root)?.endsWith('.a.b')).toBe(true);
  });
});

// applyArgumentGuard itself runs in tests/input-boundary.test.ts: graphql-middleware loads graphql's
// CommonJS build, which vitest's ESM graphql cannot share a schema with.
describe('guardArguments', () => {
  const resolve = () => 'resolved';
  const info = {} as never;

  it('refuses arguments holding NUL with BAD_USER_INPUT and the path, before the resolver runs', () => {
    let error: unknown;
    try {
      guardArguments(resolve, {}, { input: { firstName: 'a\u0000' } }, {}, info);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.firstName' });
  });

  it('calls the resolver with clean arguments', () => {
    expect(guardArguments(resolve, {}, { input: { firstName: 'Ada' } }, {}, info)).toBe('resolved');
  });
});
