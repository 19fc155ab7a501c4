import { creationSort, type SortDirection, type SortOrder } from '@codex/kit';

/**
 * The order a list is asked for (`{ field: LAST_NAME, direction: ASC }`) as the kit's sort order on
 * the Prisma field; every field offered is a column that is never null (keyset cursors need it).
 */
export function sortOf<F extends string>(fields: Record<F, string>, order: { field: F; direction: SortDirection } | null | undefined): SortOrder {
  return order ? { field: fields[order.field], direction: order.direction } : creationSort;
}
