import { expect, test } from 'vitest';
import { flattenTree, pageTree } from './page-tree.ts';

const page = (id: string, parentId: string | null, sortOrder: number) => ({ id, parentId, sortOrder, title: id });

test('pages nest under their parents in sibling order; a page whose parent is missing shows at the top', () => {
  const tree = pageTree([
    page('about', null, 2),
    page('team', 'about', 1),
    page('home', null, 1),
    page('jobs', 'about', 0),
    page('orphan', 'not-loaded', 0),
  ]);
  expect(flattenTree(tree).map((node) => `${'-'.repeat(node.depth)}${node.page.id}`)).toEqual([
    'orphan',
    'home',
    'about',
    '-jobs',
    '-team',
  ]);
});

test('an empty list is an empty tree', () => {
  expect(pageTree([])).toEqual([]);
});
