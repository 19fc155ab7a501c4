import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createManualClock } from './clock.ts';
import { defineTask, jobIdForKey, payloadProblems, retryOptions } from './job-task.ts';

const task = (overrides: Partial<Parameters<typeof defineTask>[0]> = {}) =>
  defineTask({
    name: 'billing.renew',
    payload: z.object({ id: z.string() }),
    run: async () => undefined,
    ...overrides,
  });

describe('defineTask', () => {
  it('fills in the defaults: five attempts, 5 s first retry delay, 300 s timeout, no schedule', () => {
    expect(task()).toMatchObject({ maxAttempts: 5, retryDelaySeconds: 5, timeoutSeconds: 300, cron: null });
  });

  it.each(['Billing.renew', 'billing..renew', 'billing renew', '-billing', 'billing.', ''])(
    'refuses the task name %j',
    (name) => expect(() => task({ name })).toThrow(/must be lower-case words/),
  );

  it.each([{ maxAttempts: 0 }, { maxAttempts: 1.5 }, { retryDelaySeconds: 0 }, { timeoutSeconds: 24 * 60 * 60 }])(
    'refuses out-of-range limits %j',
    (limits) => expect(() => task(limits)).toThrow(/must be a whole number/),
  );

  it("checks a cron task's payload against its schema at definition", () => {
    expect(() => task({ cron: { pattern: '* * * * *', payload: { id: 7 } } })).toThrow();
    expect(task({ cron: { pattern: '0 3 * * *', payload: { id: 'a' } } }).cron).toEqual({
      pattern: '0 3 * * *',
      payload: { id: 'a' },
    });
  });
});

describe('retryOptions', () => {
  it('gives the engine retries after the first run, exponential backoff and the timeout', () => {
    expect(retryOptions(task({ maxAttempts: 3, retryDelaySeconds: 2, timeoutSeconds: 60 }))).toEqual({
      retryLimit: 2,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 60,
    });
  });
});

describe('jobIdForKey', () => {
  it('is one UUID per task and key', () => {
    const id = jobIdForKey({ name: 'billing.renew' }, 'subscription-1:2031-01');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdForKey({ name: 'billing.renew' }, 'subscription-1:2031-01')).toBe(id);
    expect(jobIdForKey({ name: 'billing.renew' }, 'subscription-1:2031-02')).not.toBe(id);
    expect(jobIdForKey({ name: 'billing.invoice' }, 'subscription-1:2031-01')).not.toBe(id);
  });
});

describe('payloadProblems', () => {
  it('names the fields and codes, never the values', () => {
    const result = z.object({ token: z.number(), nested: z.object({ to: z.email() }) }).safeParse({
      token: 'secret-token',
      nested: { to: 'not-an-address' },
    });
    if (result.success) throw new Error('expected a refusal');
    const problems = payloadProblems(result.error);
    expect(problems).toBe('token: invalid_type; nested.to: invalid_format');
    expect(problems).not.toContain('secret');
  });
});

describe('createManualClock', () => {
  it('stands still until set or advanced, and only moves forward when advanced', () => {
    const clock = createManualClock(new Date('2031-01-31T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2031-01-31T00:00:00.000Z');
    expect(clock.advance(24 * 60 * 60 * 1000).toISOString()).toBe('2031-02-01T00:00:00.000Z');
    clock.set(new Date('2031-03-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2031-03-01T00:00:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
