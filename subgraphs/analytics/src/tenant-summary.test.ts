import { describe, expect, it } from 'vitest';
import { activeInLast30Days, inLast24Hours, inLast30Days } from './tenant-summary.ts';

/** The windows are SQL over one `now()`, so every figure of a read agrees; these pin their bounds. */
describe('summary windows', () => {
  it('24 h: the current UTC hour and the 23 before it', () => {
    expect(inLast24Hours('r.period_start')).toBe(
      `r.period_start BETWEEN date_trunc('hour', now(), 'UTC') - interval '23 hours' AND date_trunc('hour', now(), 'UTC')`,
    );
  });

  it('30 d: the current UTC day and the 29 before it', () => {
    expect(inLast30Days('r.period_start')).toBe(
      `r.period_start BETWEEN date_trunc('day', now(), 'UTC') - interval '29 days' AND date_trunc('day', now(), 'UTC')`,
    );
    expect(activeInLast30Days('u.last_seen_day')).toBe(`u.last_seen_day >= ((now() AT TIME ZONE 'UTC')::date - 29)`);
  });
});
