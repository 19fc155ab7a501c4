import { badInput, createMapLoader, idsPerKey, isUuid, rowsInKeyOrder, type DataScope } from '@codex/kit';
import type DataLoader from 'dataloader';
import type { CrmDatabase } from './db.ts';

/** Child lists on an entity (a customer's leads) show at most this many rows. */
export const maxChildListSize = 100;

function childListSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > maxChildListSize)
    throw badInput(`first must be between 0 and ${maxChildListSize}`, 'first');
  return first;
}

export interface ChildList {
  /** Table and key column are code constants (they are written into the SQL). */
  table: string;
  keyColumn: string;
}

/**
 * The newest `first` rows of each parent (a customer's leads, a user's assigned leads): per value
 * of `first`, one loader, so a page of 100 parents costs one window-function statement for the ids
 * and one `findMany` for the rows, whatever the number of parents.
 */
export function newestPerParent<T extends { id: string }>(
  db: CrmDatabase,
  scope: DataScope,
  list: ChildList,
  rowsByIds: (ids: string[]) => Promise<T[]>,
): (first: number) => DataLoader<string, T[]> {
  const loaders = new Map<number, DataLoader<string, T[]>>();
  return (first) => {
    const limit = childListSize(first);
    const existing = loaders.get(limit);
    if (existing) return existing;
    const loader = createMapLoader(
      async (parentIds: readonly string[]) => {
        const idsByParent = await idsPerKey(
          db,
          scope,
          { ...list, order: 'created_at DESC, id DESC', limit },
          parentIds.filter(isUuid),
        );
        const ids = [...idsByParent.values()].flat();
        return rowsInKeyOrder(idsByParent, ids.length > 0 ? await rowsByIds(ids) : []);
      },
      (): T[] => [],
    );
    loaders.set(limit, loader);
    return loader;
  };
}
