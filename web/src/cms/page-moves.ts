/** Where a page goes when it is moved up, down, into the page above or out of its parent. */
import { swapWithNeighbour } from '../ui/list-order.ts';
import { type FlatPage, type PageTreeNode, pageTree } from './page-tree.ts';

/** One `movePage` call: the page's parent (null: top level) and its place among its siblings. */
export interface PageMove {
  id: string;
  parentId: string | null;
  sortOrder: number;
}

interface Place<P extends FlatPage> {
  siblings: PageTreeNode<P>[];
  index: number;
  parent: PageTreeNode<P> | null;
}

function placeOf<P extends FlatPage>(
  nodes: PageTreeNode<P>[],
  id: string,
  parent: PageTreeNode<P> | null = null,
): Place<P> | null {
  const index = nodes.findIndex((node) => node.page.id === id);
  if (index !== -1) return { siblings: nodes, index, parent };
  for (const node of nodes) {
    const found = placeOf(node.children, id, node);
    if (found) return found;
  }
  return null;
}

/** Numbers siblings 0, 1, 2… in the given order; only the pages whose place changes are moved. */
function renumber<P extends FlatPage>(ordered: readonly P[], parentId: string | null): PageMove[] {
  return ordered
    .map((page, sortOrder) => ({ page, sortOrder }))
    .filter(({ page, sortOrder }) => page.sortOrder !== sortOrder || (page.parentId ?? null) !== parentId)
    .map(({ page, sortOrder }) => ({ id: page.id, parentId, sortOrder }));
}

/** Swaps a page with its previous (-1) or next (1) sibling; nothing at either end. */
export function moveAmongSiblings<P extends FlatPage>(pages: readonly P[], id: string, step: -1 | 1): PageMove[] {
  const place = placeOf(pageTree(pages), id);
  const ordered = place && swapWithNeighbour(place.siblings, place.index, step);
  if (!place || !ordered) return [];
  return renumber(
    ordered.map((node) => node.page),
    place.parent?.page.id ?? null,
  );
}

/** Makes a page the last child of the sibling above it; nothing for a first sibling. */
export function moveIntoPrevious<P extends FlatPage>(pages: readonly P[], id: string): PageMove[] {
  const place = placeOf(pageTree(pages), id);
  const above = place && place.index > 0 ? place.siblings[place.index - 1] : undefined;
  if (!above) return [];
  const last = Math.max(-1, ...above.children.map((child) => child.page.sortOrder));
  return [{ id, parentId: above.page.id, sortOrder: last + 1 }];
}

/** Takes a page out of its parent, to just after that parent; nothing at the top level. */
export function moveOutOfParent<P extends FlatPage>(pages: readonly P[], id: string): PageMove[] {
  const tree = pageTree(pages);
  const place = placeOf(tree, id);
  const parentPlace = place?.parent && placeOf(tree, place.parent.page.id);
  if (!place || !parentPlace) return [];
  const ordered = parentPlace.siblings.map((node) => node.page);
  ordered.splice(parentPlace.index + 1, 0, place.siblings[place.index]?.page as P);
  return renumber(ordered, parentPlace.parent?.page.id ?? null);
}
