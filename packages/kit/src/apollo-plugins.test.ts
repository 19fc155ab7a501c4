import { describe, expect, it } from 'vitest';
import { withRequestId } from './apollo-plugins.ts';

describe('withRequestId', () => {
  it('adds the request id to internal errors only', () => {
    const errors = [
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'Customer not found', extensions: { code: 'NOT_FOUND' } },
    ];
    expect(withRequestId(errors, 'r-1')).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' } },
      { message: 'Customer not found', extensions: { code: 'NOT_FOUND' } },
    ]);
  });

  it('returns the same array when there is no internal error', () => {
    const errors = [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }];
    expect(withRequestId(errors, 'r-1')).toBe(errors);
  });
});
