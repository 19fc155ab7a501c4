import { describe, expect, it } from 'vitest';
import { jsonDepthBeyond } from '@codex/kit/json-body';
import { nestedBeyond } from './json-depth.ts';

const nested = (levels: number) => `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`;

describe('JSON depth', () => {
  it('counts objects and arrays as one level each, in values and in text', () => {
    expect(nestedBeyond(JSON.parse(nested(2)), 4)).toBe(false);
    expect(nestedBeyond(JSON.parse(nested(2)), 3)).toBe(true);
    expect(jsonDepthBeyond(nested(2), 4)).toBe(false);
    expect(jsonDepthBeyond(nested(2), 3)).toBe(true);
    expect(nestedBeyond('x', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthBeyond('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
  });

  it('measures a 100,000-level value without overflowing the stack', () => {
    const text = nested(100_000);
    expect(jsonDepthBeyond(text, 64)).toBe(true);
    expect(nestedBeyond(JSON.parse(text), 64)).toBe(true);
  });
});
