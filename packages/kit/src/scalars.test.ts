import { GraphQLError, Kind, parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  DateTime,
  daysFromCivil,
  Decimal,
  JSONObject,
  earliestDate,
  isoDateTime,
  latestDate,
  maxJsonBytes,
  maxJsonDepth,
} from './scalars.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : 'not a GraphQLError';
  }
  return 'accepted';
};

const nested = (depth: number) => {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let level = 1; level < depth; level++) {
    const next: Record<string, unknown> = {};
    current.a = next;
    current = next;
  }
  return root;
};

describe('DateTime', () => {
  it('accepts RFC 3339 date-times inside the window, with offsets and fractions', () => {
    expect(DateTime.parseValue('2026-02-28T12:30:00Z')).toEqual(new Date('2026-02-28T12:30:00Z'));
    expect(DateTime.parseValue('2024-02-29T23:59:59.123+02:00')).toEqual(new Date('2024-02-29T21:59:59.123Z'));
    expect(DateTime.parseValue(earliestDate.toISOString())).toEqual(earliestDate);
    expect(DateTime.parseValue(latestDate.toISOString())).toEqual(latestDate);
  });

  it.each([
    ['garbage', 'garbage'],
    ['Feb 30', '2026-02-30T00:00:00Z'],
    ['Feb 29 of a common year', '2025-02-29T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['a date without a time', '2026-01-01'],
    ['no offset', '2026-01-01T00:00:00'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['before 1900', '1899-12-31T23:59:59.999Z'],
    ['after 9999 by an offset', '9999-12-31T23:00:00-02:00'],
    ['a six-digit year', '+010000-01-01T00:00:00Z'],
  ])('refuses %s with BAD_USER_INPUT', (_name, value) => {
    expect(codeOf(() => DateTime.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  it('refuses numbers, objects and non-string literals', () => {
    expect(codeOf(() => DateTime.parseValue(1_700_000_000_000))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTime.parseValue({}))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTime.parseLiteral({ kind: Kind.INT, value: '5' }, {}))).toBe('BAD_USER_INPUT');
  });

  it('serialises dates outside the window rather than failing the list that holds them', () => {
    expect(DateTime.serialize(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00.000Z');
    expect(DateTime.serialize(new Date(8.64e15))).toBe('+275760-09-13T00:00:00.000Z');
    expect(() => DateTime.serialize(new Date(Number.NaN))).toThrow();
  });

  it('prints every instant as toISOString does', () => {
    const edges = [
      -62_167_219_200_000,
      -62_167_219_200_001,
      253_402_300_799_999,
      253_402_300_800_000,
      0,
      -1,
      1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 1, 28, 12),
      Date.UTC(2100, 2, 1),
      Date.UTC(1600, 0, 1),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      8.64e15,
      -8.64e15,
    ];
    // A fixed sequence over years 0–9999 and a little beyond (a linear congruential generator).
    let seed = 12_345;
    const spread = Array.from({ length: 20_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * 3.2e14) - 6.3e13;
    });
    for (const ms of [...edges, ...spread]) expect(isoDateTime(ms)).toBe(new Date(ms).toISOString());
    expect(DateTime.serialize('2026-12-07T08:00:00+01:00')).toBe('2026-12-07T07:00:00.000Z');
    // daysFromCivil is the inverse: every day of the spread's dates, and the edges', from its fields.
    for (const ms of [...edges.slice(0, 13), ...spread]) {
      const date = new Date(ms);
      const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      expect(daysFromCivil(year, month, day), date.toISOString()).toBe(Math.floor(ms / 86_400_000));
    }
    expect(DateTime.serialize(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('JSONObject', () => {
  it('accepts objects and returns a copy', () => {
    const value = { a: [1, 'two', null, { b: true }] };
    const parsed = JSONObject.parseValue(value);
    expect(parsed).toEqual(value);
    expect(parsed).not.toBe(value);
  });

  it.each([
    ['an array', []],
    ['a string', 'text'],
    ['a number', 5],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(codeOf(() => JSONObject.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  it(`allows ${maxJsonDepth} levels and refuses one more`, () => {
    expect(codeOf(() => JSONObject.parseValue(nested(maxJsonDepth)))).toBe('accepted');
    expect(codeOf(() => JSONObject.parseValue(nested(maxJsonDepth + 2)))).toBe('BAD_USER_INPUT');
  });

  it('refuses 100,000 levels without overflowing the stack', () => {
    expect(codeOf(() => JSONObject.parseValue(nested(100_000)))).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 1 MiB', () => {
    expect(codeOf(() => JSONObject.parseValue({ big: 'x'.repeat(maxJsonBytes) }))).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['NUL in a value', { a: 'x\u0000y' }],
    ['NUL in a key', { 'x\u0000': 1 }],
    ['a lone surrogate in a key', { '\ud800': 1 }],
    ['a lone low surrogate in a nested value', { a: [{ b: '\udc00' }] }],
  ])('refuses %s', (_name, value) => {
    expect(codeOf(() => JSONObject.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  it('accepts paired surrogates (emoji)', () => {
    expect(JSONObject.parseValue({ mood: '😀' })).toEqual({ mood: '😀' });
  });

  it('refuses keys that reach a prototype and pollutes nothing', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const value = JSON.parse(`{"${key}": {"polluted": true}}`) as Record<string, unknown>;
      expect(codeOf(() => JSONObject.parseValue(value))).toBe('BAD_USER_INPUT');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses literals, variables inside them included', () => {
    const ast = parseValue('{ a: [1, "b", $v], c: { d: null } }');
    expect(JSONObject.parseLiteral(ast, { v: true })).toEqual({ a: [1, 'b', true], c: { d: null } });
    expect(codeOf(() => JSONObject.parseLiteral(parseValue('[1]'), {}))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => JSONObject.parseLiteral(parseValue('{ __proto__: 1 }'), {}))).toBe('BAD_USER_INPUT');
  });
});

describe('Decimal', () => {
  it('accepts up to 15 integer digits and 4 decimals', () => {
    expect(Decimal.parseValue(' 12.5 ')).toBe('12.5');
    expect(Decimal.parseValue('-999999999999999.9999')).toBe('-999999999999999.9999');
  });

  it.each([
    ['16 integer digits', '1234567890123456'],
    ['5 decimals', '1.23456'],
    ['a number', 12.5],
    ['an exponent', '1e5'],
    ['NUL', '1\u0000'],
    ['empty', ''],
  ])('refuses %s', (_name, value) => {
    expect(codeOf(() => Decimal.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  it('serialises Prisma decimals and strings in full', () => {
    expect(Decimal.serialize({ toFixed: () => '1.5', toString: () => '1.5' })).toBe('1.5');
    expect(Decimal.serialize('2.0000')).toBe('2.0000');
  });
});
