import { describe, expect, it } from 'vitest';
import { jsonDepthBeyond } from './json-body.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDepthBeyond', () => {
  it('counts nesting of arrays and objects', () => {
    expect(jsonDepthBeyond(nested(64), 64)).toBe(false);
    expect(jsonDepthBeyond(nested(65), 64)).toBe(true);
    expect(jsonDepthBeyond('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(true);
    expect(jsonDepthBeyond('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthBeyond(JSON.stringify({ query: '{ a { b { c { d } } } }' }), 1)).toBe(false);
    expect(jsonDepthBeyond(JSON.stringify({ text: 'say \\"[[[[\\" and "{{{{"' }), 1)).toBe(false);
  });

  it('walks a megabyte of nesting without recursion', () => {
    expect(jsonDepthBeyond(nested(500_000), 64)).toBe(true);
  });
});
