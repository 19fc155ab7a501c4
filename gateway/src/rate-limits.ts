import { HeaderMap } from '@apollo/server';
import { apiError, ErrorCode } from '@codex/kit/errors';
import type { Identity } from '@codex/kit/identity';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { GatewayConfig } from './config.ts';

/**
 * Requests per window (a minute by default) per caller, counted in this gateway process (rate-limiter-flexible's memory
 * store; several gateway instances would share a Redis store instead). A caller is its API key,
 * user or machine client; anonymous callers are counted by address.
 */
export function createRateLimits(limits: GatewayConfig['limits']) {
  const duration = limits.rateWindowSeconds;
  const identified = new RateLimiterMemory({ keyPrefix: 'identity', points: limits.perMinute, duration });
  const anonymous = new RateLimiterMemory({ keyPrefix: 'address', points: limits.anonymousPerMinute, duration });

  /** Spends `operations` from the caller's budget, or throws RATE_LIMITED (HTTP 429, Retry-After). */
  return async function spend(identity: Identity | null, clientIp: string | null, operations = 1): Promise<void> {
    const [limiter, key] = identity
      ? [identified, `${identity.kind}:${identity.subjectId}`]
      : [anonymous, clientIp ?? 'unknown'];
    try {
      await limiter.consume(key, operations);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw apiError(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      });
    }
  };
}
