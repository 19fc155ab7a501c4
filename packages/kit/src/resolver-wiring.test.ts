import { describe, expect, it } from 'vitest';
import { sharedResolvers, withId, withIdAndInput, withInput } from './resolver-wiring.ts';

const request = { tenant: 't' };
const record = (...received: unknown[]) => received;

describe('resolver wiring', () => {
  it('passes the context as the request, then the named arguments', () => {
    expect(withInput(record)(null, { input: { a: 1 } }, request)).toEqual([request, { a: 1 }]);
    expect(withId(record)(null, { id: 'x' }, request)).toEqual([request, 'x']);
    expect(withIdAndInput(record)(null, { id: 'x', input: { a: 1 } }, request)).toEqual([request, 'x', { a: 1 }]);
  });

  it('writes an audit entry’s changes as JSON text, null as null', () => {
    expect(sharedResolvers.AuditLogEntry.changes({ changes: { name: 'a' } })).toBe('{"name":"a"}');
    expect(sharedResolvers.AuditLogEntry.changes({ changes: null })).toBeNull();
  });
});
