import { describe, expect, it } from 'vitest';
import { filledSeries, periodOf, periodStarts } from './metric-series.ts';

const at = (iso: string) => new Date(iso);
const isoOf = (dates: readonly Date[]) => dates.map((date) => date.toISOString());

describe('periodOf', () => {
  it('puts an instant in its UTC hour', () => {
    expect(periodOf(at('2026-03-29T01:59:59.999Z'), 'HOUR')).toEqual(at('2026-03-29T01:00:00.000Z'));
    expect(periodOf(at('2026-03-29T02:00:00.000Z'), 'HOUR')).toEqual(at('2026-03-29T02:00:00.000Z'));
  });

  it('puts an instant in its UTC day, whatever offset it was written with', () => {
    expect(periodOf(at('2026-01-31T23:59:59.999Z'), 'DAY')).toEqual(at('2026-01-31T00:00:00.000Z'));
    expect(periodOf(at('2026-02-01T00:30:00+01:00'), 'DAY')).toEqual(at('2026-01-31T00:00:00.000Z'));
    expect(periodOf(at('2026-02-01T00:00:00.000Z'), 'DAY')).toEqual(at('2026-02-01T00:00:00.000Z'));
  });

  it('handles instants before 1970', () => {
    expect(periodOf(at('1969-12-31T23:30:00.000Z'), 'DAY')).toEqual(at('1969-12-31T00:00:00.000Z'));
  });
});

describe('periodStarts', () => {
  it.each([
    [
      'lists every period from the one holding `from` up to, not including, `to`',
      { from: '2026-05-01T10:15:00Z', to: '2026-05-01T13:00:00Z', granularity: 'HOUR' },
      ['2026-05-01T10:00:00.000Z', '2026-05-01T11:00:00.000Z', '2026-05-01T12:00:00.000Z'],
    ],
    [
      'includes the period `to` falls in when `to` is not on a boundary',
      { from: '2026-05-01T00:00:00Z', to: '2026-05-03T00:00:01Z', granularity: 'DAY' },
      ['2026-05-01T00:00:00.000Z', '2026-05-02T00:00:00.000Z', '2026-05-03T00:00:00.000Z'],
    ],
  ] as const)('%s', (_, window, expected) => {
    const periods = periodStarts({ from: at(window.from), to: at(window.to), granularity: window.granularity });
    expect(isoOf(periods)).toEqual(expected);
  });

  it('gives 30 days for a 30-day window and 24 hours for a 24-hour one', () => {
    const to = at('2026-05-31T00:00:00Z');
    expect(periodStarts({ from: at('2026-05-01T00:00:00Z'), to, granularity: 'DAY' })).toHaveLength(30);
    expect(periodStarts({ from: at('2026-05-30T00:00:00Z'), to, granularity: 'HOUR' })).toHaveLength(24);
  });

  it('allows 31 days of hours and 366 days, not more', () => {
    const from = at('2026-01-01T00:00:00Z');
    expect(periodStarts({ from, to: at('2026-02-01T00:00:00Z'), granularity: 'HOUR' })).toHaveLength(744);
    expect(() => periodStarts({ from, to: at('2026-02-01T00:00:01Z'), granularity: 'HOUR' })).toThrow(/at most 744/);
    expect(periodStarts({ from, to: at('2027-01-02T00:00:00Z'), granularity: 'DAY' })).toHaveLength(366);
    expect(() => periodStarts({ from, to: at('2027-01-02T00:00:01Z'), granularity: 'DAY' })).toThrow(/at most 366/);
  });

  it('refuses `to` not after `from`', () => {
    const from = at('2026-01-01T00:00:00Z');
    expect(() => periodStarts({ from, to: from, granularity: 'DAY' })).toThrow(/to must be after from/);
  });

  it('refuses bounds outside 1900…9999 with the argument named', () => {
    const error = (() => {
      try {
        periodStarts({ from: at('1899-12-31T23:00:00Z'), to: at('1900-01-02T00:00:00Z'), granularity: 'DAY' });
      } catch (caught) {
        return caught as { extensions: { code: string; field: string } };
      }
    })();
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(() =>
      periodStarts({ from: at('9999-12-31T00:00:00Z'), to: at('+010000-01-01T00:00:00Z'), granularity: 'HOUR' }),
    ).toThrow(/to: must be between/);
  });

  it('ends at the last hour of 9999 without deriving a later date', () => {
    const periods = periodStarts({
      from: at('9999-12-31T22:00:00Z'),
      to: at('9999-12-31T23:59:59.999Z'),
      granularity: 'HOUR',
    });
    expect(isoOf(periods)).toEqual(['9999-12-31T22:00:00.000Z', '9999-12-31T23:00:00.000Z']);
  });
});

describe('filledSeries', () => {
  it('gives every period its value and "0" where the rollups have none', () => {
    const periods = [at('2026-05-01T00:00:00Z'), at('2026-05-02T00:00:00Z'), at('2026-05-03T00:00:00Z')];
    const values = new Map([[periods[1]!.getTime(), '12']]);
    expect(filledSeries(periods, values)).toEqual([
      { periodStart: periods[0], value: '0' },
      { periodStart: periods[1], value: '12' },
      { periodStart: periods[2], value: '0' },
    ]);
  });
});
