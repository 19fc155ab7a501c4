import type { Identity } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { maxBatchSize, parseEventBatch } from './event-input.ts';
import type { EventInput } from './generated/graphql.ts';

const tenantId = '11111111-1111-4111-8111-111111111111';
const otherTenant = '22222222-2222-4222-8222-222222222222';
const client: Identity = {
  kind: 'user',
  subjectId: '33333333-3333-4333-8333-333333333333',
  tenantId,
  role: 'CLIENT',
  scopes: [],
  sessionId: null,
};
const superadmin: Identity = { ...client, tenantId: null, role: 'SUPERADMIN' };
const now = new Date('2026-06-15T12:00:00.000Z');
const minute = 60_000;
const day = 86_400_000;

/** The error a call throws, for its code and field. */
function failure(call: () => unknown) {
  try {
    call();
  } catch (error) {
    const { code, field } = (error as { extensions: { code: string; field?: string } }).extensions;
    return { code, field };
  }
  throw new Error('expected the call to fail');
}

describe('parseEventBatch', () => {
  it('normalises an event: trimmed texts, blanks as null, upper-case country, defaults', () => {
    const [event] = parseEventBatch(
      client,
      [{ idempotencyKey: ' k-1 ', name: '  page_view ', pageUrl: '  ', browser: ' Firefox ', country: 'de' }],
      now,
    );
    expect(event).toMatchObject({
      tenantId,
      idempotencyKey: ' k-1 ',
      name: 'page_view',
      occurredAt: now,
      data: {},
      userId: null,
      customerId: null,
      pageUrl: null,
      browser: 'Firefox',
      country: 'DE',
    });
    expect(event!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the time an event was sent with when it is recent', () => {
    const occurredAt = new Date(now.getTime() - 29 * day);
    expect(parseEventBatch(client, [{ idempotencyKey: 'k', name: 'n', occurredAt }], now)[0]!.occurredAt).toBe(
      occurredAt,
    );
  });

  it('refuses events from the future (beyond clock skew) and older than 30 days, naming the event', () => {
    const batch = (occurredAt: Date): EventInput[] => [
      { idempotencyKey: 'a', name: 'n' },
      { idempotencyKey: 'b', name: 'n', occurredAt },
    ];
    expect(parseEventBatch(client, batch(new Date(now.getTime() + 5 * minute)), now)).toHaveLength(2);
    expect(failure(() => parseEventBatch(client, batch(new Date(now.getTime() + 6 * minute)), now))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'events.1.occurredAt',
    });
    expect(failure(() => parseEventBatch(client, batch(new Date(now.getTime() - 31 * day)), now))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'events.1.occurredAt',
    });
    expect(failure(() => parseEventBatch(client, batch(new Date('0001-01-01T00:00:00Z')), now)).field).toBe(
      'events.1.occurredAt',
    );
  });

  it('refuses empty, over-long or NUL-carrying idempotency keys', () => {
    const key = (idempotencyKey: string) =>
      failure(() => parseEventBatch(client, [{ idempotencyKey, name: 'n' }], now));
    expect(key('')).toEqual({ code: 'BAD_USER_INPUT', field: 'events.0.idempotencyKey' });
    expect(key('k'.repeat(201))).toEqual({ code: 'BAD_USER_INPUT', field: 'events.0.idempotencyKey' });
    expect(key('a\u0000b')).toEqual({ code: 'BAD_USER_INPUT', field: 'events.0.idempotencyKey' });
  });

  it('bounds every text and the data', () => {
    const event = (extra: Partial<EventInput>) =>
      failure(() => parseEventBatch(client, [{ idempotencyKey: 'k', name: 'n', ...extra }], now));
    expect(event({ pageUrl: 'x'.repeat(2049) }).field).toBe('events.0.pageUrl');
    expect(event({ sessionId: 's'.repeat(201) }).field).toBe('events.0.sessionId');
    expect(event({ name: ' ' }).field).toBe('events.0.name');
    expect(event({ country: 'Germany' }).field).toBe('events.0.country');
    expect(event({ data: { blob: 'x'.repeat(17 * 1024) } }).field).toBe('events.0.data');
    expect(event({ tenantId: 't'.repeat(100) }).field).toBe('events.0.tenantId');
  });

  it('takes user and customer ids as UUIDs only', () => {
    const id = '44444444-4444-4444-8444-444444444444';
    const [event] = parseEventBatch(client, [{ idempotencyKey: 'k', name: 'n', userId: id, customerId: id }], now);
    expect(event).toMatchObject({ userId: id, customerId: id });
    expect(
      failure(() => parseEventBatch(client, [{ idempotencyKey: 'k', name: 'n', customerId: 'cust-1' }], now)),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'events.0.customerId' });
  });

  it('puts events in the caller’s tenant; another tenant is not found; a SUPERADMIN must name one', () => {
    expect(
      failure(() => parseEventBatch(client, [{ idempotencyKey: 'k', name: 'n', tenantId: otherTenant }], now)),
    ).toEqual({ code: 'NOT_FOUND', field: undefined });
    expect(failure(() => parseEventBatch(superadmin, [{ idempotencyKey: 'k', name: 'n' }], now))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'events.0.tenantId',
    });
    expect(
      parseEventBatch(superadmin, [{ idempotencyKey: 'k', name: 'n', tenantId: otherTenant }], now)[0]!.tenantId,
    ).toBe(otherTenant);
  });

  it('takes 1 to 1000 events a batch', () => {
    expect(failure(() => parseEventBatch(client, [], now)).field).toBe('events');
    const many = Array.from({ length: maxBatchSize + 1 }, (_, i) => ({ idempotencyKey: `k${i}`, name: 'n' }));
    expect(failure(() => parseEventBatch(client, many, now)).field).toBe('events');
    expect(parseEventBatch(client, many.slice(1), now)).toHaveLength(maxBatchSize);
  });
});
