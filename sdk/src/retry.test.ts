import { describe, expect, it } from 'vitest';
import { CodexError } from './errors.ts';
import { backoffDelay, defaultRetryPolicy, retryDelay, sleep } from './retry.ts';

const policy = { ...defaultRetryPolicy, maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
const error = (code: string, extensions: Record<string, unknown> = {}) =>
  new CodexError({ code, message: code, extensions });

describe('backoffDelay', () => {
  it('doubles its ceiling each attempt up to the cap, with full jitter below it', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe('retryDelay', () => {
  it('waits Retry-After for a 429, whatever the operation', () => {
    expect(retryDelay(error('RATE_LIMITED', { retryAfterSeconds: 3 }), 0, false, policy, () => 0)).toBe(3000);
  });

  it('gives up on a Retry-After longer than the policy allows', () => {
    expect(retryDelay(error('RATE_LIMITED', { retryAfterSeconds: 61 }), 0, true, policy)).toBeUndefined();
  });

  it('retries an unavailable service only for operations safe to repeat', () => {
    expect(retryDelay(error('SERVICE_UNAVAILABLE'), 0, true, policy, () => 0.5)).toBe(50);
    expect(retryDelay(error('SERVICE_UNAVAILABLE'), 0, false, policy)).toBeUndefined();
    expect(retryDelay(error('NETWORK_ERROR'), 0, false, policy)).toBeUndefined();
  });

  it('never retries the caller’s mistakes, and stops after maxRetries', () => {
    for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TIMEOUT', 'ABORTED'])
      expect(retryDelay(error(code), 0, true, policy)).toBeUndefined();
    expect(retryDelay(error('SERVICE_UNAVAILABLE'), 5, true, policy)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
