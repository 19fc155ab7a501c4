import { describe, expect, test } from 'vitest';
import {
  adjacentStage,
  boardColumns,
  columnValue,
  createStageAnnouncer,
  stageOfDrop,
  withLeadClosed,
  withLeadMoved,
} from './kanban-board.ts';

const stages = [
  { id: 'won', name: 'Negotiation', position: 2 },
  { id: 'new', name: 'New', position: 0 },
  { id: 'qual', name: 'Qualified', position: 1 },
];
const leads = [
  { id: 'a', stage: { id: 'new' } },
  { id: 'b', stage: { id: 'qual' } },
  { id: 'c', stage: { id: 'new' } },
  { id: 'x', stage: { id: 'gone' } },
];

describe('kanban board', () => {
  test('columns follow stage positions and hold their leads in order; a lead of an unknown stage is left out', () => {
    const columns = boardColumns(stages, leads);
    expect(columns.map((column) => [column.stage.id, column.leads.map((lead) => lead.id)])).toEqual([
      ['new', ['a', 'c']],
      ['qual', ['b']],
      ['won', []],
    ]);
  });

  test('a drop moves only to another stage', () => {
    expect(stageOfDrop(leads, 'a', 'qual')).toBe('qual');
    expect(stageOfDrop(leads, 'a', 'new')).toBeNull();
    expect(stageOfDrop(leads, 'a', null)).toBeNull();
    expect(stageOfDrop(leads, 'nope', 'qual')).toBeNull();
  });

  test('the keyboard moves to the neighbouring stage by position, not by list order', () => {
    expect(adjacentStage(stages, 'new', 1)).toBe('qual');
    expect(adjacentStage(stages, 'qual', 1)).toBe('won');
    expect(adjacentStage(stages, 'won', 1)).toBeNull();
    expect(adjacentStage(stages, 'new', -1)).toBeNull();
    expect(adjacentStage(stages, 'unknown', 1)).toBeNull();
  });

  test('the optimistic board puts the moved lead first in its new column and drops closed leads', () => {
    const moved = withLeadMoved(leads, 'c', 'qual');
    expect(boardColumns(stages, moved)[1]?.leads.map((lead) => lead.id)).toEqual(['c', 'b']);
    expect(leads[2]?.stage.id).toBe('new');
    expect(withLeadClosed(leads, 'b').map((lead) => lead.id)).toEqual(['a', 'c', 'x']);
  });

  test('a column sums its values per currency', () => {
    const valued = [
      { value: '10.10', currency: 'USD' },
      { value: '0.20', currency: 'USD' },
      { value: '5', currency: 'EUR' },
    ];
    expect(columnValue(valued)).toEqual([
      { currency: 'EUR', amount: 5 },
      { currency: 'USD', amount: 10.3 },
    ]);
  });
});

test('a picked-up card is announced over a stage only when the stage changes', () => {
  const announcer = createStageAnnouncer();
  announcer.pickedUp('new');
  expect(announcer.isNews('new')).toBe(false);
  expect(announcer.isNews('qual')).toBe(true);
  expect(announcer.isNews('qual')).toBe(false);
  expect(announcer.isNews('new')).toBe(true);
});
