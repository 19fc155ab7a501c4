import { describe, expect, test } from 'vitest';
import { formatInterval, formatPrice } from './money.ts';
import { emptySubscribeForm, subscribeFormSchema, subscribeInput } from './subscription-form.ts';

describe('billing', () => {
  test('plan prices name their interval', () => {
    expect(formatInterval('MONTH', 3)).toBe('3 months');
    expect(formatPrice({ amount: '29', currency: 'USD', interval: 'YEAR', intervalCount: 1 })).toBe('$29.00 / year');
  });

  test('a subscription takes a customer, a plan, 1–100000 seats and an optional trial of 0–365 days', () => {
    const filled = { ...emptySubscribeForm, customerId: 'c', planId: 'p' };
    expect(subscribeInput(subscribeFormSchema.parse(filled))).toEqual({ customerId: 'c', planId: 'p', quantity: 1 });
    expect(subscribeInput(subscribeFormSchema.parse({ ...filled, trialDays: '0', quantity: '3' }))).toEqual({
      customerId: 'c',
      planId: 'p',
      quantity: 3,
      trialDays: 0,
    });
    const refused = subscribeFormSchema.safeParse({ ...emptySubscribeForm, quantity: '0', trialDays: '400' });
    expect(refused.success ? [] : refused.error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'customerId',
      'planId',
      'quantity',
      'trialDays',
    ]);
  });
});
