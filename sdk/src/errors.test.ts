import { describe, expect, it } from 'vitest';
import { CodexError, codeOfStatus, errorOfAnswer, parseRetryAfter } from './errors.ts';

const meta = { status: 200, requestId: 'req-1', operationName: 'Summary' };

describe('errorOfAnswer', () => {
  it('keeps the code, field and request facts of the first error', () => {
    const error = errorOfAnswer(
      [
        {
          message: 'Invalid email',
          path: ['createCustomer'],
          extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
        },
      ],
      null,
      meta,
    );
    expect(error).toBeInstanceOf(CodexError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.email',
      requestId: 'req-1',
      operationName: 'Summary',
      path: ['createCustomer'],
      data: undefined,
    });
  });

  it('surfaces partial data and every error beside it', () => {
    const data = { tenant: { name: 'Demo', crm: null } };
    const error = errorOfAnswer(
      [
        { message: 'CRM is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'crm' } },
        { message: 'Forbidden', extensions: { code: 'FORBIDDEN' } },
      ],
      data,
      meta,
    );
    expect(error.serviceName).toBe('crm');
    expect(error.data).toEqual(data);
    expect(error.errors.map((each) => each.code)).toEqual(['SERVICE_UNAVAILABLE', 'FORBIDDEN']);
    expect(error.errors[1]!.data).toEqual(data);
  });

  it('takes retryAfterSeconds from the error, else from the Retry-After header', () => {
    const limited = [{ message: 'Too many', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } }];
    expect(errorOfAnswer(limited, null, { ...meta, status: 429, retryAfterSeconds: 9 }).retryAfterSeconds).toBe(7);
    const bare = [{ message: 'Too many', extensions: { code: 'RATE_LIMITED' } }];
    expect(errorOfAnswer(bare, null, { ...meta, status: 429, retryAfterSeconds: 9 }).retryAfterSeconds).toBe(9);
  });

  it('codes an error without a code by its HTTP status', () => {
    expect(errorOfAnswer([{ message: 'Bad gateway' }], null, { ...meta, status: 502 }).code).toBe(
      'SERVICE_UNAVAILABLE',
    );
  });
});

describe('codeOfStatus and parseRetryAfter', () => {
  it('maps statuses to the API codes', () => {
    expect([401, 403, 404, 409, 413, 429, 500, 503].map(codeOfStatus)).toEqual([
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'BAD_USER_INPUT',
      'RATE_LIMITED',
      'INTERNAL_SERVER_ERROR',
      'SERVICE_UNAVAILABLE',
    ]);
  });

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
