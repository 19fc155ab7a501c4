import { describe, expect, it } from 'vitest';
import { refusalOf } from './subgraph-refusal.ts';

describe('refusalOf', () => {
  it('keeps the GraphQL errors of a 4xx body, reduced to message, path and extensions', () => {
    const body = {
      errors: [
        { message: 'bad', path: ['a'], extensions: { code: 'BAD_USER_INPUT' }, locations: [] },
        { nomessage: true },
      ],
    };
    expect(refusalOf('crm', 400, body).errors).toEqual([
      { message: 'bad', path: ['a'], extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });

  it.each([
    [400, 'BAD_USER_INPUT'],
    [413, 'BAD_USER_INPUT'],
    [422, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [429, 'RATE_LIMITED'],
    [503, 'SERVICE_UNAVAILABLE'],
    [500, 'INTERNAL_SERVER_ERROR'],
  ])('an HTTP %i without GraphQL errors is %s with the service name only', (status, code) => {
    const refusal = refusalOf('crm', status, '<html>http://crm.internal:4002</html>');
    expect(refusal.errors).toEqual([]);
    expect(refusal.extensions).toEqual({ code, serviceName: 'crm' });
    expect(refusal.message).not.toContain('internal');
  });
});
