/** The list once the item at `index` swapped places with its previous (-1) or next (1) neighbour; null at either end. */
export function swapWithNeighbour<T>(items: readonly T[], index: number, step: -1 | 1): T[] | null {
  const target = index + step;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return null;
  const swapped = [...items];
  [swapped[index], swapped[target]] = [items[target] as T, items[index] as T];
  return swapped;
}
