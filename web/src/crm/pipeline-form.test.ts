import { expect, test } from 'vitest';
import { newPipelineSchema, stageFormSchema, stageNames } from './pipeline-form.ts';

test('a new pipeline takes its stages one per line, skipping blank lines, each name once', () => {
  const parsed = newPipelineSchema.parse({ name: 'Sales', stages: ' New \n\nWon\n' });
  expect(stageNames(parsed.stages)).toEqual(['New', 'Won']);
  expect(newPipelineSchema.safeParse({ name: 'Sales', stages: 'New\nNew' }).success).toBe(false);
  expect(newPipelineSchema.safeParse({ name: 'Sales', stages: '\n' }).success).toBe(false);
});

test("a stage's probability is a whole number from 0 to 100", () => {
  expect(stageFormSchema.parse({ name: 'Won', probability: '100' })).toEqual({ name: 'Won', probability: 100 });
  expect(stageFormSchema.safeParse({ name: 'Won', probability: '101' }).success).toBe(false);
  expect(stageFormSchema.safeParse({ name: 'Won', probability: '5.5' }).success).toBe(false);
});
