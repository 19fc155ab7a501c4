import { describe, expect, it } from 'vitest';
import { createList } from './pagination.ts';

const pageOf = (items: string[], next?: string) => ({
  data: {
    edges: items.map((item) => ({ cursor: `c-${item}`, node: item })),
    pageInfo: { hasNextPage: next !== undefined, endCursor: next ?? null },
  },
  requestId: `req-${items[0]}`,
  operationName: 'Items',
  errors: [],
});

describe('createList', () => {
  it('follows endCursor page by page until hasNextPage is false', async () => {
    const asked: (string | undefined)[] = [];
    const list = createList(async (after) => {
      asked.push(after);
      return after === undefined ? pageOf(['a', 'b'], 'b') : pageOf(['c']);
    });
    expect(await list.toArray()).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual([undefined, 'b']);
    const requestIds: string[] = [];
    for await (const page of list.pages()) requestIds.push(page.requestId);
    expect(requestIds).toEqual(['req-a', 'req-c']);
  });
});
