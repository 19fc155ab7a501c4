import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.ts';

describe('singleFlight', () => {
  it('runs the task once for calls made while it is in flight, and again afterwards', async () => {
    let runs = 0;
    const refresh = singleFlight(async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return runs;
    });
    expect(await Promise.all(Array.from({ length: 10 }, refresh))).toEqual(Array(10).fill(1));
    expect(await refresh()).toBe(2);
  });

  it('shares a failure with every waiting call, then lets the next call try again', async () => {
    let runs = 0;
    const flaky = singleFlight(async () => {
      runs++;
      if (runs === 1) throw new Error('refused');
      return 'ok';
    });
    const results = await Promise.allSettled([flaky(), flaky()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await flaky()).toBe('ok');
  });
});
