import { expect, test } from 'vitest';
import { revenueChartRows, revenueTotals } from './revenue-series.ts';

const series = [
  { day: '2026-01-01T00:00:00.000Z', amounts: [{ amount: '0.10', currency: 'USD' }] },
  { day: '2026-01-02T00:00:00.000Z', amounts: [] },
  {
    day: '2026-01-03T00:00:00.000Z',
    amounts: [
      { amount: '20.00', currency: 'EUR' },
      { amount: '0.20', currency: 'USD' },
    ],
  },
];

test('each currency is totalled exactly (no float drift) and listed by code', () => {
  expect(revenueTotals(series)).toEqual([
    { currency: 'EUR', amount: '20.00' },
    { currency: 'USD', amount: '0.30' },
  ]);
  expect(revenueTotals([])).toEqual([]);
});

test('chart rows carry every day and a value per currency, 0 on days without one', () => {
  expect(revenueChartRows(series, ['EUR', 'USD'])).toEqual([
    { day: '2026-01-01T00:00:00.000Z', EUR: 0, USD: 0.1 },
    { day: '2026-01-02T00:00:00.000Z', EUR: 0, USD: 0 },
    { day: '2026-01-03T00:00:00.000Z', EUR: 20, USD: 0.2 },
  ]);
});
