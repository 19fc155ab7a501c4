import type { ColumnDef } from '@tanstack/react-table';
import { formatCount, formatDate, formatDateTime } from './format.ts';

/**
 * A sortable column of timestamps (ISO strings sort as text), shown as a date or a date and time;
 * `fallback` stands in for a missing one ("never").
 */
export function timeColumn<Row>(
  id: string,
  header: string,
  value: (row: Row) => string | null | undefined,
  { dateOnly = false, fallback = 'never' }: { dateOnly?: boolean; fallback?: string } = {},
): ColumnDef<Row, unknown> {
  return {
    id,
    header,
    accessorFn: (row) => value(row) ?? '',
    cell: (cell) => {
      const time = cell.getValue() as string;
      if (!time) return fallback;
      return <time dateTime={time}>{dateOnly ? formatDate(time) : formatDateTime(time)}</time>;
    },
  };
}

/** A sortable column of counts, formatted with thousands separators. */
export function countColumn<Row>(id: string, header: string, value: (row: Row) => number): ColumnDef<Row, unknown> {
  return { id, header, accessorFn: value, cell: (cell) => formatCount(cell.getValue() as number) };
}
