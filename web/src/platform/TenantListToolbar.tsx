import { useEffect, useId, useRef, useState } from 'react';
import type { SortDirection, TenantOrderField } from '../generated/operations.ts';

interface SortChoice {
  field: TenantOrderField;
  direction: SortDirection;
  label: string;
}

/** The sort menu's choices, each an order the API applies to every tenant (not only the loaded ones). */
export const tenantSortChoices: Record<string, SortChoice> = {
  newest: { field: 'CREATED_AT', direction: 'DESC', label: 'Newest first' },
  oldest: { field: 'CREATED_AT', direction: 'ASC', label: 'Oldest first' },
  name: { field: 'NAME', direction: 'ASC', label: 'Name A–Z' },
  nameDesc: { field: 'NAME', direction: 'DESC', label: 'Name Z–A' },
  status: { field: 'STATUS', direction: 'ASC', label: 'Status (trial → archived)' },
};

/** The list's variables from the URL (`?q=…&sort=…`), so a reload or a shared link keeps them. */
export function tenantListVariables(params: URLSearchParams) {
  const choice = tenantSortChoices[params.get('sort') ?? 'newest'] ?? tenantSortChoices.newest;
  return {
    search: params.get('q') || null,
    orderBy: choice ? { field: choice.field, direction: choice.direction } : null,
  };
}

/** Search box and sort menu of the tenants screen; the search reaches the URL a moment after typing stops. */
export function TenantListToolbar({
  params,
  setParam,
}: {
  params: URLSearchParams;
  setParam: (key: string, value: string) => void;
}) {
  const ids = { search: useId(), sort: useId() };
  const [search, setSearch] = useState(params.get('q') ?? '');
  // The latest writer, so the timer restarts only when the text changes, not on every render.
  const writeSearch = useRef(setParam);
  writeSearch.current = setParam;
  useEffect(() => {
    const timer = setTimeout(() => writeSearch.current('q', search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const control = 'mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm';
  return (
    <search className="mb-4 flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor={ids.search} className="text-sm font-medium text-slate-800">
          Search tenants
        </label>
        <input
          id={ids.search}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name or slug"
          className={`${control} w-72`}
        />
      </div>
      <div>
        <label htmlFor={ids.sort} className="text-sm font-medium text-slate-800">
          Sort
        </label>
        <select
          id={ids.sort}
          value={params.get('sort') ?? 'newest'}
          onChange={(event) => setParam('sort', event.target.value)}
          className={control}
        >
          {Object.entries(tenantSortChoices).map(([key, choice]) => (
            <option key={key} value={key}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
