import { expect, test } from 'vitest';
import { leadFormSchema, leadInput } from './lead-form.ts';

test('a lead needs a title, a decimal value and a currency code, which is sent upper-case', () => {
  const parsed = leadFormSchema.parse({ title: ' Deal ', value: '99.50', currency: 'eur', stageId: 's1' });
  expect(leadInput(parsed, 'c1')).toEqual({
    title: 'Deal',
    value: '99.50',
    currency: 'EUR',
    stageId: 's1',
    customerId: 'c1',
  });
  const refused = leadFormSchema.safeParse({ title: '', value: '-3', currency: 'euro', stageId: '' });
  expect(refused.success ? [] : refused.error.issues.map((issue) => issue.path[0])).toEqual([
    'title',
    'value',
    'currency',
    'stageId',
  ]);
});
