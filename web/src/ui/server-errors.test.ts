import { CombinedGraphQLErrors } from '@apollo/client';
import { expect, test } from 'vitest';
import { apiErrorLines } from './api-errors.ts';
import { formFieldOf, placeServerErrors } from './server-errors.ts';

const refusal = new CombinedGraphQLErrors({
  data: null,
  errors: [
    { message: 'A tenant with slug "demo" already exists', extensions: { code: 'CONFLICT', field: 'input.slug' } },
    {
      message: 'Too long',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.data.price', requestId: 'req-12345678' },
    },
    { message: 'Not allowed', extensions: { code: 'FORBIDDEN' } },
  ],
});

test('an API error names its code, field and request id', () => {
  expect(apiErrorLines(refusal)[1]).toEqual({
    message: 'Too long',
    code: 'BAD_USER_INPUT',
    field: 'input.data.price',
    requestId: 'req-12345678',
  });
});

test('extensions.field maps to a form field without the argument prefix, only if the form has it', () => {
  const [slug, price] = apiErrorLines(refusal);
  expect(formFieldOf(slug!, ['slug', 'name'])).toBe('slug');
  expect(formFieldOf(price!, ['data.price'])).toBe('data.price');
  expect(formFieldOf(price!, ['slug'])).toBeUndefined();
});

test('errors are placed on their fields; the rest are returned for a banner', () => {
  const placed: [string, string | undefined][] = [];
  const rest = placeServerErrors(refusal, (name, error) => void placed.push([name, error.message]), ['slug', 'name']);
  expect(placed).toEqual([['slug', 'A tenant with slug "demo" already exists']]);
  expect(rest.map((line) => line.message)).toEqual(['Too long', 'Not allowed']);
});
