import { describe, expect, it } from 'vitest';
import { createSqlParams, eventConditions, filterLimits } from './filters.ts';

const conditionOf = (filters: Parameters<typeof eventConditions>[0]) => {
  const params = createSqlParams();
  return { sql: eventConditions(filters, params), values: params.values };
};

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};

describe('eventConditions', () => {
  it('is TRUE without filters', () => {
    expect(conditionOf([]).sql).toBe('TRUE');
    expect(conditionOf(null).sql).toBe('TRUE');
  });

  it('passes every value as a parameter, never in the SQL text', () => {
    const { sql, values } = conditionOf([
      { property: 'browser', operator: 'EQ', value: "x' OR 1=1 --" },
      { property: 'data.plan', operator: 'IN', values: ['pro', 'team'] },
      { property: 'data.cart.total', operator: 'GT', value: '10.5' },
    ]);
    expect(sql).not.toContain('OR 1=1');
    expect(sql).toContain('e.browser = $1::text');
    expect(values).toEqual(["x' OR 1=1 --", ['plan'], ['pro', 'team'], ['cart', 'total'], '10.5']);
  });

  it('accepts built-in properties by API and column name', () => {
    expect(conditionOf([{ property: 'pageUrl', operator: 'IS_SET' }]).sql).toBe('(e.page_url IS NOT NULL)');
    expect(conditionOf([{ property: 'page_url', operator: 'IS_SET' }]).sql).toBe('(e.page_url IS NOT NULL)');
  });

  it('turns an unknown property into a condition no event meets', () => {
    expect(conditionOf([{ property: 'nope', operator: 'IS_NOT_SET' }]).sql).toBe('(FALSE)');
  });

  it('names the input that breaks a rule or a limit', () => {
    expect(fieldOf(() => conditionOf([{ property: 'os', operator: 'EQ' }]))).toBe('filters.0.value');
    expect(fieldOf(() => conditionOf([{ property: 'os', operator: 'IN' }]))).toBe('filters.0.values');
    expect(fieldOf(() => conditionOf([{ property: 'data.n', operator: 'LT', value: 'abc' }]))).toBe('filters.0.value');
    expect(fieldOf(() => conditionOf([{ property: 'data.a..b', operator: 'IS_SET' }]))).toBe('filters.0.property');
    const many = Array.from({ length: filterLimits.filters + 1 }, () => ({
      property: 'os',
      operator: 'IS_SET' as const,
    }));
    expect(fieldOf(() => conditionOf(many))).toBe('filters');
  });
});
