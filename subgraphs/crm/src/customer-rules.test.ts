import { parseInput } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import {
  createCustomerInput,
  customerFilterSchema,
  customerWhere,
  escapeLike,
  searchSchema,
  updateCustomerInput,
} from './customer-rules.ts';
import { refusal } from './refusal.test-support.ts';

describe('customer input', () => {
  it('normalises what it accepts: email lower-cased, empty text is none, tags deduplicated', () => {
    const data = parseInput(
      createCustomerInput,
      { email: ' Ada@Example.TEST ', firstName: ' Ada ', lastName: 'L', company: '  ', tags: ['vip', 'vip', 'new'] },
      'input',
    );
    expect(data).toMatchObject({ email: 'ada@example.test', firstName: 'Ada', company: null, tags: ['vip', 'new'] });
  });

  it.each([
    [{ email: `${'a'.repeat(250)}@example.test` }, 'input.email'],
    [{ company: 'x'.repeat(201) }, 'input.company'],
    [{ source: 'x'.repeat(101) }, 'input.source'],
    [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'input.tags'],
    [{ tags: ['x'.repeat(51)] }, 'input.tags.0'],
    [{ phone: 'call me' }, 'input.phone'],
    [{ tenantId: 'x'.repeat(101) }, 'input.tenantId'],
  ])('refuses %j naming %s', (extra, field) => {
    const input = { email: 'a@example.test', firstName: 'A', lastName: 'B', ...extra };
    expect(refusal(() => parseInput(createCustomerInput, input, 'input'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('an update keeps what is omitted, clears optional fields with null and refuses null for required ones', () => {
    expect(parseInput(updateCustomerInput, { company: null }, 'input')).toEqual({ company: null });
    expect(parseInput(updateCustomerInput, {}, 'input')).toEqual({});
    for (const field of ['email', 'firstName', 'lastName', 'status', 'tags', 'customFields']) {
      expect(refusal(() => parseInput(updateCustomerInput, { [field]: null }, 'input'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: `input.${field}`,
      });
    }
  });
});

describe('customer filters and search', () => {
  it('turns a filter into a Prisma where, matching company text literally', () => {
    const filter = parseInput(customerFilterSchema, { status: 'ACTIVE', tag: 'vip', company: '100%_' }, 'filter');
    expect(customerWhere(filter)).toEqual({
      status: 'ACTIVE',
      tags: { has: 'vip' },
      company: { contains: '100\\%\\_', mode: 'insensitive' },
    });
    expect(customerWhere(parseInput(customerFilterSchema, null, 'filter'))).toEqual({});
  });

  it('refuses a malformed createdById and over-long search text', () => {
    expect(refusal(() => parseInput(customerFilterSchema, { createdById: 'me' }, 'filter'))).toMatchObject({
      field: 'filter.createdById',
    });
    expect(refusal(() => parseInput(searchSchema, 'x'.repeat(201), 'search'))).toMatchObject({ field: 'search' });
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
});
