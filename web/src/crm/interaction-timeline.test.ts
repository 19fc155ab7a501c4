import { expect, test } from 'vitest';
import { interactionFormSchema } from './interaction-form.ts';
import { timelineGroups } from './interaction-timeline.ts';

test('the timeline lists what is still to do soonest first, then past interactions by UTC day, newest first', () => {
  const groups = timelineGroups([
    { id: 'old', completedAt: '2026-01-01T09:00:00.000Z', createdAt: '2026-01-01T09:00:00.000Z' },
    { id: 'late', scheduledAt: '2026-03-01T10:00:00.000Z', createdAt: '2026-01-02T00:00:00.000Z' },
    { id: 'soon', scheduledAt: '2026-02-01T10:00:00.000Z', createdAt: '2026-01-02T00:00:00.000Z' },
    { id: 'note', createdAt: '2026-01-02T08:00:00.000Z' },
    {
      id: 'done',
      scheduledAt: '2026-01-02T07:00:00.000Z',
      completedAt: '2026-01-02T23:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ]);
  expect(groups.map((group) => [group.key, group.interactions.map((item) => item.id)])).toEqual([
    ['upcoming', ['soon', 'late']],
    ['2026-01-02', ['done', 'note']],
    ['2026-01-01', ['old']],
  ]);
});

test('no interactions, no groups', () => {
  expect(timelineGroups([])).toEqual([]);
});

test('an interaction needs a subject or a note, within the column lengths', () => {
  expect(interactionFormSchema.safeParse({ type: 'NOTE', subject: ' ', body: '' }).success).toBe(false);
  expect(interactionFormSchema.safeParse({ type: 'CALL', subject: '', body: 'Called back' }).success).toBe(true);
  expect(interactionFormSchema.safeParse({ type: 'CALL', subject: 'x'.repeat(301), body: '' }).success).toBe(false);
});
