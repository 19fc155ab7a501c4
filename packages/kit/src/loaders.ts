import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a batch function that answers with a Map: keys missing from the
 * map get `fallback(key)` (null for "not found", zeros for a summary of an empty tenant). One call
 * of `load` per batch, whatever the number of keys.
 */
export function createMapLoader<K, V>(
  load: (keys: readonly K[]) => Promise<Map<K, V>>,
  fallback: (key: K) => V,
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const found = await load(keys);
    return keys.map((key) => (found.has(key) ? (found.get(key) as V) : fallback(key)));
  });
}

/**
 * Rows by id, one `find` (a model's findMany over the ids) per batch. Ids that are not UUIDs cannot
 * exist: they are not sent and load as null, like missing or foreign rows; none valid, no query.
 */
export function createByIdLoader<T extends { id: string }>(
  find: (ids: string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return createMapLoader(
    async (ids: readonly string[]) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length > 0 ? await find(valid) : [];
      return new Map(rows.map((row) => [row.id, row]));
    },
    () => null,
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else cannot exist and is answered like a missing record. */
export const isUuid = (value: string) => uuidPattern.test(value);

/** Accumulates per-key summaries, creating each from `empty()` the first time its key is touched. */
export function summaryAccumulator<T>(empty: () => T) {
  const summaries = new Map<string, T>();
  return {
    summaries,
    of(key: string): T {
      const existing = summaries.get(key);
      if (existing) return existing;
      const created = empty();
      summaries.set(key, created);
      return created;
    },
  };
}
