/** The page tree built from the flat list the API pages through. */

export interface FlatPage {
  id: string;
  parentId?: string | null;
  sortOrder: number;
  title: string;
}

export interface PageTreeNode<P extends FlatPage> {
  page: P;
  depth: number;
  children: PageTreeNode<P>[];
}

const bySiblingOrder = (a: FlatPage, b: FlatPage) => a.sortOrder - b.sortOrder || a.title.localeCompare(b.title);

/** Roots are pages without a parent, or whose parent is not in the list (still shown, never lost). */
export function pageTree<P extends FlatPage>(pages: readonly P[]): PageTreeNode<P>[] {
  const ids = new Set(pages.map((page) => page.id));
  const childrenOf = new Map<string | null, P[]>();
  for (const page of pages) {
    const parent = page.parentId && ids.has(page.parentId) ? page.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), page]);
  }
  const build = (parent: string | null, depth: number, seen: Set<string>): PageTreeNode<P>[] =>
    (childrenOf.get(parent) ?? [])
      .filter((page) => !seen.has(page.id))
      .sort(bySiblingOrder)
      .map((page) => ({ page, depth, children: build(page.id, depth + 1, new Set([...seen, page.id])) }));
  return build(null, 0, new Set());
}

/** The tree in reading order, for a list with indentation. */
export const flattenTree = <P extends FlatPage>(nodes: readonly PageTreeNode<P>[]): PageTreeNode<P>[] =>
  nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
