/**
 * JSON nesting, measured without recursion (a 100,000-level value would overflow the stack of any
 * recursive walk, graphql's variable coercion included). `{}` and `[]` are one level each.
 */
export function nestedBeyond(value: unknown, max: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
