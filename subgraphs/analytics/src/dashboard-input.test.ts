import { parseInput } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { createDashboardInput, updateDashboardInput } from './dashboard-input.ts';

const widget = { type: 'timeseries', metric: 'events.count', title: ' Events ', granularity: 'DAY' };
const fieldOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return (error as { extensions: { field: string } }).extensions.field;
  }
  return null;
};

describe('dashboard inputs', () => {
  it('keeps a widget’s further settings and trims its title', () => {
    const parsed = parseInput(createDashboardInput, { name: ' Traffic ', widgets: [widget] }, 'input');
    expect(parsed).toMatchObject({ name: 'Traffic', widgets: [{ ...widget, title: 'Events' }] });
  });

  it('bounds widgets: at most 50, each at most 8 KB of JSON, with a known type', () => {
    const create = (widgets: Record<string, unknown>[]) =>
      fieldOf(() => parseInput(createDashboardInput, { name: 'd', widgets }, 'input'));
    expect(create(Array.from({ length: 51 }, () => widget))).toBe('input.widgets');
    expect(create([{ ...widget, note: 'x'.repeat(8 * 1024) }])).toBe('input.widgets.0');
    expect(create([{ ...widget, type: 'radar' }])).toBe('input.widgets.0.type');
  });

  it('lets an update leave fields out, clear the description, and refuses null elsewhere', () => {
    expect(parseInput(updateDashboardInput, { description: null }, 'input')).toEqual({ description: null });
    expect(fieldOf(() => parseInput(updateDashboardInput, { name: null }, 'input'))).toBe('input.name');
    expect(fieldOf(() => parseInput(updateDashboardInput, { widgets: null }, 'input'))).toBe('input.widgets');
    expect(fieldOf(() => parseInput(updateDashboardInput, { isPublic: null }, 'input'))).toBe('input.isPublic');
  });

  it('refuses over-long or NUL-carrying text', () => {
    expect(fieldOf(() => parseInput(createDashboardInput, { name: 'n'.repeat(201) }, 'input'))).toBe('input.name');
    expect(fieldOf(() => parseInput(createDashboardInput, { name: 'a\u0000' }, 'input'))).toBe('input.name');
    expect(fieldOf(() => parseInput(createDashboardInput, { name: 'd', description: 'x'.repeat(2001) }, 'input'))).toBe(
      'input.description',
    );
  });
});
