import { expect, test } from 'vitest';
import { moveAmongSiblings, moveIntoPrevious, moveOutOfParent } from './page-moves.ts';

const page = (id: string, parentId: string | null, sortOrder: number) => ({ id, parentId, sortOrder, title: id });
const pages = [page('home', null, 0), page('about', null, 1), page('team', 'about', 0), page('jobs', 'about', 1)];

test('moving a page up swaps it with the sibling above and renumbers only what changed', () => {
  expect(moveAmongSiblings(pages, 'jobs', -1)).toEqual([
    { id: 'jobs', parentId: 'about', sortOrder: 0 },
    { id: 'team', parentId: 'about', sortOrder: 1 },
  ]);
  expect(moveAmongSiblings(pages, 'home', -1)).toEqual([]);
  expect(moveAmongSiblings(pages, 'about', 1)).toEqual([]);
});

test('siblings with equal sort orders get distinct ones when one moves', () => {
  const tied = [page('a', null, 0), page('b', null, 0), page('c', null, 0)];
  expect(moveAmongSiblings(tied, 'c', -1)).toEqual([
    { id: 'c', parentId: null, sortOrder: 1 },
    { id: 'b', parentId: null, sortOrder: 2 },
  ]);
});

test('a page goes into the sibling above as its last child, never under nothing', () => {
  expect(moveIntoPrevious(pages, 'about')).toEqual([{ id: 'about', parentId: 'home', sortOrder: 0 }]);
  expect(moveIntoPrevious(pages, 'jobs')).toEqual([{ id: 'jobs', parentId: 'team', sortOrder: 0 }]);
  expect(moveIntoPrevious(pages, 'home')).toEqual([]);
});

test('a page taken out of its parent lands just after it; a top-level page stays', () => {
  expect(moveOutOfParent(pages, 'team')).toEqual([{ id: 'team', parentId: null, sortOrder: 2 }]);
  expect(moveOutOfParent([...pages, page('contact', null, 2)], 'team')).toEqual([
    { id: 'team', parentId: null, sortOrder: 2 },
    { id: 'contact', parentId: null, sortOrder: 3 },
  ]);
  expect(moveOutOfParent(pages, 'home')).toEqual([]);
});
