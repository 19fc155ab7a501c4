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

/** The part of a Prisma model delegate `byIdLoaders` needs. */
export interface FindManyById<T> {
  findMany: (args: { where: { id: { in: string[] } } }) => PromiseLike<T[]>;
}
type RowOf<M> = M extends FindManyById<infer T> ? T : never;
type ByIdLoaders<M> = { [K in keyof M]: DataLoader<string, RowOf<M[K]> | null> };

/** A by-id loader (see `createByIdLoader`) per model: `{ planById: db.plan }` gives `planById`, plans by id. */
export function byIdLoaders<M extends Record<string, FindManyById<{ id: string }>>>(models: M): ByIdLoaders<M> {
  const loaders = Object.entries(models).map(
    ([name, model]) => [name, createByIdLoader(async (ids) => model.findMany({ where: { id: { in: ids } } }))] as const,
  );
  return Object.fromEntries(loaders) as ByIdLoaders<M>;
}

/** What `create` makes for a key, made once per key (e.g. one loader per page size a request asks for). */
export function oncePerKey<K, V>(create: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (!made.has(key)) made.set(key, create(key));
    return made.get(key) as V;
  };
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
