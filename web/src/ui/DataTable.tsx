import type { ErrorLike } from '@apollo/client';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from './Button.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { EmptyState, LoadingState } from './States.tsx';

/** Rows still on the server: the table offers "Load more" until `hasMore` is false. */
export interface ServerPages {
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** The server's total count. */
  total: number;
}

export interface DataTableProps<Row> {
  /** The table's accessible name, shown as its caption. */
  caption: string;
  columns: ColumnDef<Row, unknown>[];
  data: readonly Row[] | undefined;
  loading?: boolean;
  error?: ErrorLike | undefined;
  emptyTitle: string;
  emptyHint?: ReactNode;
  /** Shows a search box over every column's text. */
  searchLabel?: string;
  pageSize?: number;
  getRowId?: (row: Row) => string;
  serverPages?: ServerPages;
  initialSorting?: SortingState;
}

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A list screen's table: search, sort by column header, paging; loading, empty and error states.
 * Sort and paging work on the rows loaded so far; `serverPages` fetches more. A search covers every
 * row: while one is typed, the remaining server pages are loaded one after another.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, columns, data, loading, error, emptyTitle, emptyHint, searchLabel } = props;
  const [sorting, setSorting] = useState<SortingState>(props.initialSorting ?? []);
  const [globalFilter, setGlobalFilter] = useState('');
  const searchId = useId();
  const table = useReactTable({
    data: (data ?? []) as Row[],
    columns,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageSize: props.pageSize ?? 10 } },
    autoResetPageIndex: false,
    ...(props.getRowId ? { getRowId: props.getRowId } : {}),
  });
  const rows = table.getRowModel().rows;
  useLoadAllWhileSearching(globalFilter, props.serverPages);

  return (
    <div>
      {error && <ErrorBanner error={error} />}
      {searchLabel && (
        <div className="mb-3">
          <label htmlFor={searchId} className="sr-only">
            {searchLabel}
          </label>
          <input
            id={searchId}
            type="search"
            placeholder={`${searchLabel}…`}
            value={globalFilter}
            onChange={(event) => {
              setGlobalFilter(event.target.value);
              table.setPageIndex(0);
            }}
            className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </div>
      )}
      {!data && loading && <LoadingState />}
      {data && data.length === 0 && !error && <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>}
      {data && data.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="px-4 py-2 text-left text-xs text-slate-600">{caption}</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className="px-4 py-2 font-medium"
                        aria-sort={sorted ? ariaSort[sorted] : undefined}
                      >
                        {header.column.getCanSort() ? (
                          <button
                            type="button"
                            className="inline-flex items-center gap-1 hover:text-slate-900"
                            onClick={header.column.getToggleSortingHandler()}
                          >
                            {label}
                            <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                          </button>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 last:border-0">
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-4 py-2 align-middle">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="px-4 py-6 text-center text-sm text-slate-600">No rows match.</p>}
        </div>
      )}
      {data && data.length > 0 && <Pager table={table} serverPages={props.serverPages} shown={data.length} />}
    </div>
  );
}

interface PagerTable {
  getState: () => { pagination: { pageIndex: number } };
  getPageCount: () => number;
  getCanPreviousPage: () => boolean;
  getCanNextPage: () => boolean;
  previousPage: () => void;
  nextPage: () => void;
}

/** Loads the next server page whenever a search is typed, the last page has arrived and more remain. */
function useLoadAllWhileSearching(search: string, serverPages: ServerPages | undefined) {
  const loadMore = useRef(serverPages?.loadMore);
  loadMore.current = serverPages?.loadMore;
  const pending = Boolean(search) && Boolean(serverPages?.hasMore) && !serverPages?.loadingMore;
  // `pending` turns false while a page loads and true again when it has arrived and more remain, so
  // each page is asked for once.
  useEffect(() => {
    if (pending) loadMore.current?.();
  }, [pending]);
}

function Pager({ table, serverPages, shown }: { table: PagerTable; serverPages?: ServerPages; shown: number }) {
  const page = table.getState().pagination.pageIndex + 1;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-700">
      <Button variant="secondary" onClick={table.previousPage} disabled={!table.getCanPreviousPage()}>
        Previous page
      </Button>
      <span>
        Page {page} of {Math.max(1, table.getPageCount())}
      </span>
      <Button variant="secondary" onClick={table.nextPage} disabled={!table.getCanNextPage()}>
        Next page
      </Button>
      {serverPages && (
        <span className="ml-auto flex items-center gap-3">
          {shown} of {serverPages.total} loaded
          {serverPages.hasMore && (
            <Button variant="secondary" onClick={serverPages.loadMore} disabled={serverPages.loadingMore}>
              {serverPages.loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          )}
        </span>
      )}
    </div>
  );
}
