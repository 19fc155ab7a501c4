import { LiteralDate } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { recentMonths } from './events.ts';

const window = (now: string) => {
  const { gte, lt } = recentMonths(new Date(now));
  expect(gte).toBeInstanceOf(LiteralDate);
  expect(lt).toBeInstanceOf(LiteralDate);
  return [gte.toISOString(), lt.toISOString()];
};

describe('the months a newest-first events page looks in first', () => {
  it('run from the UTC month a week ago to the end of the month of tomorrow', () => {
    expect(window('2026-12-07T08:00:00Z')).toEqual(['2026-11-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(window('2026-12-08T00:00:00Z')).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(window('2026-12-30T23:59:59Z')).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(window('2026-12-31T00:00:00Z')).toEqual(['2026-12-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
    expect(window('2027-01-03T12:00:00Z')).toEqual(['2026-12-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
  });

  it('end more than a day ahead of now (the database lets an event claim an hour), and start a week or more back', () => {
    for (let minutes = 0; minutes < 60 * 24 * 400; minutes += 97) {
      const now = Date.UTC(2026, 0, 1) + minutes * 60_000;
      const { gte, lt } = recentMonths(new Date(now));
      expect(lt.getTime()).toBeGreaterThan(now + 86_400_000);
      expect(gte.getTime()).toBeLessThanOrEqual(now - 7 * 86_400_000);
    }
  });
});
