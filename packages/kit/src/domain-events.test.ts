import { describe, expect, it } from 'vitest';
import { changedFieldNames, publicPayload } from './domain-events.ts';

describe('event payloads', () => {
  it('drop secret-looking keys at any depth, and write dates, decimals and bigints as JSON can hold them', () => {
    const payload = publicPayload({
      id: 'a',
      passwordHash: 'x',
      secretHash: 'y',
      nested: { apiToken: 't', kept: 1 },
      at: new Date('2026-01-02T03:04:05.000Z'),
      amount: { toJSON: () => '12.50' },
      seq: 5n,
    });
    expect(payload).toEqual({
      id: 'a',
      nested: { kept: 1 },
      at: '2026-01-02T03:04:05.000Z',
      amount: '12.50',
      seq: '5',
    });
  });

  it('name the fields a change altered, leaving out bookkeeping', () => {
    const before = { id: 'a', name: 'Old', tags: ['x'], updatedAt: new Date(1), version: 1, note: null };
    const after = { id: 'a', name: 'New', tags: ['x', 'y'], updatedAt: new Date(2), version: 2, note: null };
    expect(changedFieldNames(before, after)).toEqual(['name', 'tags']);
  });
});
