import { notFound } from '@codex/kit';

/**
 * A row that must exist (a lead's pipeline and stage: foreign keys guarantee them). Null here means
 * it vanished between two reads of the same request; answer as for any missing row.
 */
export function present<T>(row: T | null, entity: string): T {
  if (row === null) throw notFound(entity);
  return row;
}
