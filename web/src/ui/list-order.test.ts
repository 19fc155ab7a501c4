import { expect, test } from 'vitest';
import { swapWithNeighbour } from './list-order.ts';

test('an item swaps with its neighbour; nothing moves past either end', () => {
  expect(swapWithNeighbour(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
  expect(swapWithNeighbour(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  expect(swapWithNeighbour(['a', 'b', 'c'], 0, -1)).toBeNull();
  expect(swapWithNeighbour(['a', 'b', 'c'], 2, 1)).toBeNull();
});
