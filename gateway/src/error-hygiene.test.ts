import { describe, expect, it } from 'vitest';
import { withoutInternals } from './error-hygiene.ts';

describe('withoutInternals', () => {
  it.each([
    'Invalid `prisma.customer.create()` invocation: Unique constraint failed',
    'failed at /work/main/subgraphs/crm/src/leads.ts',
    'Error: boom\n    at run (leads.ts:12:4)',
    'db error: SQLSTATE 22021',
  ])('masks a message that shows internals: %s', (message) => {
    const answer = withoutInternals({
      message,
      path: ['x'],
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'crm' },
    });
    expect(answer).toEqual({
      message: 'Internal server error',
      path: ['x'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'crm' },
    });
  });

  it('keeps ordinary messages and drops raw subgraph answers from extensions', () => {
    const answer = withoutInternals({
      message: 'input.data.price must be a Decimal like "12.50"',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.data.price', response: { url: 'http://crm:4002' } },
    });
    expect(answer.message).toBe('input.data.price must be a Decimal like "12.50"');
    expect(answer.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.data.price' });
  });
});
