import { parseInput } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { createLeadInput, leadFilterSchema, leadWhere, updateLeadInput } from './lead-rules.ts';
import { refusal } from './refusal.test-support.ts';

describe('lead input', () => {
  it('accepts a lead with the currency upper-cased and an empty source as none', () => {
    expect(
      parseInput(createLeadInput, { title: ' Deal ', currency: 'eur', source: ' ', value: '12.5' }, 'input'),
    ).toMatchObject({ title: 'Deal', currency: 'EUR', source: null, value: '12.5' });
  });

  it.each([
    [{ probability: 101 }, 'input.probability'],
    [{ probability: -1 }, 'input.probability'],
    [{ probability: 2.5 }, 'input.probability'],
    [{ value: '-1' }, 'input.value'],
    [{ value: '1234567890123456' }, 'input.value'],
    [{ assigneeId: 'someone' }, 'input.assigneeId'],
    [{ expectedCloseDate: new Date('+010000-01-01T00:00:00.000Z') }, 'input.expectedCloseDate'],
    [{ expectedCloseDate: new Date('1899-12-31T00:00:00.000Z') }, 'input.expectedCloseDate'],
    [{ source: 'x'.repeat(101) }, 'input.source'],
    [{ customerId: 'x'.repeat(101) }, 'input.customerId'],
  ])('refuses %j naming %s', (extra, field) => {
    expect(refusal(() => parseInput(createLeadInput, { title: 'Deal', ...extra }, 'input'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('an update refuses null for title, value, currency and probability, and clears the rest', () => {
    for (const field of ['title', 'value', 'currency', 'probability']) {
      expect(refusal(() => parseInput(updateLeadInput, { [field]: null }, 'input'))).toMatchObject({
        field: `input.${field}`,
      });
    }
    expect(
      parseInput(updateLeadInput, { assigneeId: null, customerId: null, expectedCloseDate: null }, 'input'),
    ).toEqual({ assigneeId: null, customerId: null, expectedCloseDate: null });
  });
});

describe('lead filters', () => {
  it('drops what is not given and refuses a malformed id', () => {
    const filter = parseInput(leadFilterSchema, { status: 'OPEN', assigneeId: null }, 'filter');
    expect(leadWhere(filter)).toEqual({ status: 'OPEN' });
    expect(refusal(() => parseInput(leadFilterSchema, { stageId: 'first' }, 'filter'))).toMatchObject({
      field: 'filter.stageId',
    });
  });
});
