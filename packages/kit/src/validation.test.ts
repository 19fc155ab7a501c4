import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  boundedDecimalSchema,
  checkDerivedDate,
  dateTimeSchema,
  decimalSchema,
  inputSchema,
  int4Max,
  int4Min,
  intSchema,
  nameSchema,
  uniqueNames,
  boundedString,
  slugSchema,
  parseInput,
  textSchema,
} from './validation.ts';

interface GeneratedInput {
  name: string;
  note?: string | null;
}

describe('inputSchema', () => {
  it('accepts a schema whose fields are the generated input type’s', () => {
    const schema = inputSchema<GeneratedInput>()(z.object({ name: z.string(), note: z.string().nullish() }));
    expect(schema.parse({ name: 'a' })).toEqual({ name: 'a' });
  });

  it('is a type error when the schema forgets a field, adds one, or refuses a value the SDL allows', () => {
    // @ts-expect-error `note` is in the SDL and missing from the schema
    inputSchema<GeneratedInput>()(z.object({ name: z.string() }));
    // @ts-expect-error `extra` is not in the SDL
    inputSchema<GeneratedInput>()(z.object({ name: z.string(), note: z.string().nullish(), extra: z.string() }));
    // @ts-expect-error `note` may be null in the SDL; the schema refuses null
    inputSchema<GeneratedInput>()(z.object({ name: z.string(), note: z.string().optional() }));
    expect(true).toBe(true);
  });
});

const firstIssue = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? 'accepted' : result.error.issues[0]?.message;
};

describe('textSchema', () => {
  it('trims and bounds', () => {
    expect(textSchema(5).parse('  abc  ')).toBe('abc');
    expect(firstIssue(textSchema(5), 'abcdef')).toBe('must be at most 5 characters');
    expect(firstIssue(textSchema(5, { min: 1 }), '   ')).toBe('must not be empty');
    expect(firstIssue(textSchema(5, { min: 2 }), 'a')).toBe('must be at least 2 characters');
  });

  it('refuses NUL and lone surrogates, accepts emoji', () => {
    expect(firstIssue(textSchema(50), 'a\u0000b')).toMatch(/NUL/);
    expect(firstIssue(textSchema(50), 'a\ud800')).toMatch(/surrogate/);
    expect(textSchema(50).parse('😀')).toBe('😀');
    expect(firstIssue(nameSchema(200), 'x\u0000')).toMatch(/NUL/);
  });

  it('keeps text as sent with trim: false', () => {
    expect(textSchema(5, { trim: false }).parse(' ab ')).toBe(' ab ');
    expect(firstIssue(textSchema(3, { trim: false }), ' ab ')).toBe('must be at most 3 characters');
  });

  it('bounds names and slugs by the length they are given (their column’s)', () => {
    expect(firstIssue(nameSchema(3), 'abcd')).toBe('must be at most 3 characters');
    expect(firstIssue(nameSchema(3), ' ')).toBe('must not be empty');
    expect(slugSchema(5).parse(' ab-c ')).toBe('ab-c');
    expect(firstIssue(slugSchema(5), 'abc-de')).toBe('must be at most 5 characters');
    expect(firstIssue(slugSchema(5), 'A')).toMatch(/lower-case/);
  });
});

describe('intSchema', () => {
  it('defaults to PostgreSQL integer', () => {
    expect(intSchema().parse(int4Max)).toBe(int4Max);
    expect(firstIssue(intSchema(), int4Max + 1)).toBe(`must be at most ${int4Max}`);
    expect(firstIssue(intSchema(), int4Min - 1)).toBe(`must be at least ${int4Min}`);
    expect(firstIssue(intSchema(), 1.5)).toBe('must be a whole number');
  });

  it('narrows to the given range, never wider than integer', () => {
    expect(firstIssue(intSchema(1, 1000), 0)).toBe('must be at least 1');
    expect(firstIssue(intSchema(0, Number.MAX_SAFE_INTEGER), 2 ** 40)).toBe(`must be at most ${int4Max}`);
  });
});

describe('boundedDecimalSchema', () => {
  it('follows the column’s precision and scale', () => {
    const money = boundedDecimalSchema(19, 4);
    expect(money.parse(' 123456789012345.1234 ')).toBe('123456789012345.1234');
    expect(firstIssue(money, '1234567890123456')).toMatch(/15 digits and 4 decimals/);
    expect(firstIssue(money, '1.23456')).toMatch(/15 digits and 4 decimals/);
    expect(firstIssue(boundedDecimalSchema(5, 0), '12.5')).toMatch(/5 digits and 0 decimals/);
    expect(decimalSchema.parse('-1.5')).toBe('-1.5');
  });
});

describe('dates', () => {
  it('dateTimeSchema accepts Dates and RFC 3339 strings inside the window', () => {
    expect(dateTimeSchema.parse('2026-01-31T00:00:00Z')).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(dateTimeSchema.parse(new Date('2026-01-31T00:00:00Z'))).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(firstIssue(dateTimeSchema, '2026-02-30T00:00:00Z')).toBe('must be an RFC 3339 date-time');
    expect(firstIssue(dateTimeSchema, new Date('0001-01-01T00:00:00Z'))).toMatch(/^must be between 1900/);
    expect(firstIssue(dateTimeSchema, new Date(Number.NaN))).toBe('must be an RFC 3339 date-time');
  });

  it('checkDerivedDate refuses a computed date outside the window, naming the input', () => {
    const end = new Date('9999-12-31T00:00:00Z');
    expect(checkDerivedDate(end, 'input.startAt')).toBe(end);
    try {
      checkDerivedDate(new Date('+010000-01-31T00:00:00Z'), 'input.startAt');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.startAt' });
    }
    expect(() => checkDerivedDate(new Date('1899-01-01T00:00:00Z'), 'planId', 'period end')).toThrow(
      /^planId: the period end must be between 1900/,
    );
  });
});

describe('parseInput', () => {
  it('names the path of the first problem', () => {
    const schema = z.object({ data: z.object({ price: decimalSchema }) });
    try {
      parseInput(schema, { data: { price: 'x' } }, 'input');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.data.price',
      });
    }
  });
});

describe('uniqueNames', () => {
  const list = z.array(z.object({ name: z.string() })).superRefine(uniqueNames((item) => `${item.name} again`));

  it('refuses a name repeated in another case, at the repeat', () => {
    const issues = list.safeParse([{ name: 'Body' }, { name: 'title' }, { name: 'body' }]).error?.issues;
    expect(issues?.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['2.name', 'body again']]);
    expect(list.safeParse([{ name: 'body' }, { name: 'title' }]).success).toBe(true);
  });
});

describe('boundedString', () => {
  it('takes text as sent, up to its length', () => {
    expect(boundedString(3).parse(' a ')).toBe(' a ');
    expect(boundedString(3).safeParse('abcd').error?.issues[0]?.message).toBe('must be at most 3 characters');
  });
});
