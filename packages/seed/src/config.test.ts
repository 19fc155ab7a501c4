import { describe, expect, it } from 'vitest';
import { loadSeedConfig } from './config.ts';

describe('seed options', () => {
  it('take an anchor day up to today, and refuse a later one (its events would be in the future)', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(loadSeedConfig(['--anchor', '2026-11-23'], {}).options.anchor).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(loadSeedConfig(['--anchor', today], {}).options.anchor).toEqual(new Date(`${today}T00:00:00Z`));
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(() => loadSeedConfig(['--anchor', tomorrow], {})).toThrow(/--anchor: must not be after today/);
  });
});
