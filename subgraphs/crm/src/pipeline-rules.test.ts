import { parseInput } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { maxStages, stageListSchema } from './pipeline-rules.ts';
import { refusal } from './refusal.test-support.ts';

describe('stage lists', () => {
  it('accepts named stages with probabilities 0–100', () => {
    const stages = [{ name: 'New', probability: 10 }, { name: 'Won', probability: 100 }, { name: 'Later' }];
    expect(parseInput(stageListSchema, stages, 'input.stages')).toEqual(stages);
  });

  it.each([
    [[], 'input.stages'],
    [Array.from({ length: maxStages + 1 }, (_, i) => ({ name: `S${i}` })), 'input.stages'],
    [[{ name: 'New' }, { name: 'new' }], 'input.stages.1.name'],
    [[{ name: 'New', probability: 101 }], 'input.stages.0.probability'],
    [[{ name: 'x'.repeat(201) }], 'input.stages.0.name'],
  ])('refuses %j naming %s', (stages, field) => {
    expect(refusal(() => parseInput(stageListSchema, stages, 'input.stages'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });
});
