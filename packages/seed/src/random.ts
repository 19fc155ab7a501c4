/**
 * Deterministic generation: the same scale and anchor day make the same rows on every run, so
 * benchmarks compare like with like and a failing row can be found again by its id.
 */

/** mulberry32: tiny and fast, plenty for test data (not for anything secret). */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (probability: number) => next() < probability,
  };
}
export type Random = ReturnType<typeof createRandom>;

/** One independent stream per (table, tenant): generating one table never shifts another's data. */
export function randomFor(table: string, tenant: number): Random {
  let hash = 2166136261;
  for (const char of `${table}:${tenant}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return createRandom(hash);
}

/**
 * Ids derived from (kind, tenant, row) rather than random: reruns make the same ids, and rows
 * generated in order load into the primary-key B-trees in order (appends, not page splits).
 * `5ca1e` marks scale-seed rows when someone looks at an id.
 */
export function seedId(kind: number, tenant: number, row: number): string {
  const k = kind.toString(16).padStart(3, '0');
  const t = tenant.toString(16).padStart(4, '0');
  const r = row.toString(16).padStart(12, '0');
  return `5ca1e${k}-${t}-4000-8000-${r}`;
}

/**
 * Splits `total` over weights, largest remainders first, so the parts add up to `total` exactly
 * (the tests check exact counts) and the split is the same on every run.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}
