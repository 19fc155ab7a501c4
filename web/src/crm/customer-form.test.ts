import { describe, expect, test } from 'vitest';
import {
  customerFormSchema,
  customerFormValues,
  customerInput,
  emptyCustomerForm,
  parseTags,
} from './customer-form.ts';

const valid = { ...emptyCustomerForm, email: ' Ada@Example.com ', firstName: 'Ada', lastName: 'Lovelace' };
const issuesOf = (values: object) => {
  const result = customerFormSchema.safeParse({ ...valid, ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
};

describe('customer form', () => {
  test('a valid form becomes the API input, empty optional inputs as null (clearing them)', () => {
    const parsed = customerFormSchema.parse({ ...valid, tags: 'vip, beta, vip,, ' });
    expect(customerInput(parsed)).toEqual({
      email: 'Ada@Example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: null,
      phone: null,
      status: 'ACTIVE',
      source: null,
      tags: ['vip', 'beta'],
    });
  });

  test('required, email, phone and length problems are reported on their fields', () => {
    expect(issuesOf({ firstName: '  ', email: 'nope', phone: 'call me', company: 'x'.repeat(201) })).toEqual({
      firstName: 'Required',
      email: 'Enter an email address',
      phone: 'Digits, spaces and + - . / ( ), with an optional extension',
      company: 'At most 200 characters',
    });
    expect(issuesOf({ phone: '+49 (30) 1234-567 ext 12' })).toEqual({});
  });

  test('tags hold at most 50, each at most 50 characters', () => {
    expect(issuesOf({ tags: Array.from({ length: 51 }, (_, index) => `t${index}`).join(',') })).toEqual({
      tags: 'At most 50 tags',
    });
    expect(Object.keys(issuesOf({ tags: `ok, ${'x'.repeat(51)}` }))).toEqual(['tags']);
    expect(parseTags(' a ,b,a, ,c')).toEqual(['a', 'b', 'c']);
  });

  test('a stored customer fills the form, nulls as empty inputs', () => {
    const values = customerFormValues({ ...valid, company: null, tags: ['a', 'b'], status: 'CHURNED' });
    expect(values).toMatchObject({ company: '', tags: 'a, b', status: 'CHURNED' });
  });
});
