import { describe, expect, it } from 'vitest';
import { customerEventsKey, recentEventsLimit } from './customer-events.ts';

const id = '44444444-4444-4444-8444-444444444444';
const tenantId = '11111111-1111-4111-8111-111111111111';

describe('customerEventsKey', () => {
  it('keys a customer by its tenant and id: events count only within the customer’s tenant', () => {
    expect(customerEventsKey({ id, tenantId })).toBe(`${tenantId}/${id}`);
  });

  it('has no key (so no events) without a valid tenant or id', () => {
    expect(customerEventsKey({ id })).toBeNull();
    expect(customerEventsKey({ id, tenantId: null })).toBeNull();
    expect(customerEventsKey({ id, tenantId: 'x' })).toBeNull();
    expect(customerEventsKey({ id: 'x', tenantId })).toBeNull();
  });
});

describe('recentEventsLimit', () => {
  it('defaults to 10 and takes 0…100', () => {
    expect(recentEventsLimit(undefined)).toBe(10);
    expect(recentEventsLimit(0)).toBe(0);
    expect(recentEventsLimit(100)).toBe(100);
    expect(() => recentEventsLimit(101)).toThrow(/between 0 and 100/);
    expect(() => recentEventsLimit(-1)).toThrow(/between 0 and 100/);
  });
});
