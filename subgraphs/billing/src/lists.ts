import { isUuid } from '@codex/kit';

/** A `where` that matches no row (e.g. a filter on an id that cannot exist). */
const noRow = { id: { in: [] as string[] } };

/** Filter on an id column: a value that is not an id matches nothing (never a database error). */
export const idEquals = (column: string, value: string | null | undefined): object =>
  value == null ? {} : isUuid(value) ? { [column]: value } : noRow;

/** Filter on any other column, skipped when the caller did not give it. */
export const equals = (column: string, value: unknown): object => (value == null ? {} : { [column]: value });

/**
 * A list filter whose fields are named after the columns they match: each given field matches its
 * column, those in `idColumns` as ids (see `idEquals`).
 */
export const columnsEqual = (filter: Record<string, unknown>, idColumns: readonly string[] = []): object => ({
  AND: Object.entries(filter).map(([column, value]) =>
    idColumns.includes(column) ? idEquals(column, value == null ? null : String(value)) : equals(column, value),
  ),
});
