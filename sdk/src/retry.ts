import type { CodexError } from './errors.ts';

export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** The first backoff's ceiling; each retry doubles it (default 500 ms). */
  baseDelayMs: number;
  /** No backoff waits longer (default 10 s). */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown (default 60 s). */
  maxRetryAfterSeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterSeconds: 60,
};

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)), so clients that failed together spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** Failures after which the operation may not have run at all, or ran without effect: a service that did not answer. */
const transientCodes = new Set(['SERVICE_UNAVAILABLE', 'NETWORK_ERROR']);

/**
 * How long to wait before retry number `attempt + 1`, or undefined when the error is final. A 429
 * is refused before anything runs, so every operation may retry it, after `Retry-After` (plus a
 * little jitter). A service that did not answer may have done half the work: only queries and
 * mutations with idempotency keys (`safeToRepeat`) retry it.
 */
export function retryDelay(
  error: CodexError,
  attempt: number,
  safeToRepeat: boolean,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxRetries) return undefined;
  if (error.code === 'RATE_LIMITED') {
    if (error.retryAfterSeconds === undefined) return backoffDelay(attempt, policy, random);
    if (error.retryAfterSeconds > policy.maxRetryAfterSeconds) return undefined;
    return error.retryAfterSeconds * 1000 + Math.floor(random() * Math.min(policy.baseDelayMs, 1000));
  }
  if (transientCodes.has(error.code) && safeToRepeat) return backoffDelay(attempt, policy, random);
  return undefined;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
