import type { Identity } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { customerEventsKey, recentEventsLimit } from './customer-events.ts';

const id = '44444444-4444-4444-8444-444444444444';
const tenantId = '11111111-1111-4111-8111-111111111111';

const caller = (role: Identity['role'], tenant: string | null): Identity => ({
  kind: 'user',
  subjectId: id,
  tenantId: tenant,
  role,
  scopes: [],
  sessionId: null,
});
const superadmin = caller('SUPERADMIN', null);
const otherTenant = '22222222-2222-4222-8222-222222222222';

describe('customerEventsKey', () => {
  it('keys a customer by the tenant CRM names: events count only within the customer’s tenant', () => {
    expect(customerEventsKey({ id, tenantId }, superadmin)).toBe(`${tenantId}/${id}`);
    expect(customerEventsKey({ id, tenantId }, caller('ADMIN', tenantId))).toBe(`${tenantId}/${id}`);
  });

  it('without a tenant from CRM: the caller’s own tenant, none for a SUPERADMIN', () => {
    expect(customerEventsKey({ id }, caller('CLIENT', otherTenant))).toBe(`${otherTenant}/${id}`);
    expect(customerEventsKey({ id, tenantId: null }, superadmin)).toBeNull();
    expect(customerEventsKey({ id }, null)).toBeNull();
  });

  it('has no key for ids that are no UUIDs', () => {
    expect(customerEventsKey({ id, tenantId: 'x' }, superadmin)).toBeNull();
    expect(customerEventsKey({ id: 'x', tenantId }, superadmin)).toBeNull();
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
