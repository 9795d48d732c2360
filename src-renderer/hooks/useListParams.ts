/**
 * A list's search, sort, page and filters live in the URL (inside the hash route), so
 * Back returns to the same view and a reload keeps it.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZE = 25;

export type SortDir = 'asc' | 'desc';

export interface ListParams<S extends string> {
  search: string;
  sort: S;
  dir: SortDir;
  page: number;
  filter: (name: string) => string;
  setSearch: (text: string) => void;
  setSort: (sort: S) => void;
  setPage: (page: number) => void;
  setFilter: (name: string, value: string) => void;
  /** Drops the search and every filter; keeps the sort. */
  clearFilters: () => void;
  /** The paging and sorting part of a list call. */
  query: { search?: string; sort: S; dir: SortDir; limit: number; offset: number };
}

export function useListParams<S extends string>(sortable: readonly S[], defaultSort: S): ListParams<S> {
  const [params, setParams] = useSearchParams();

  const rawSort = params.get('sort') as S | null;
  const sort = rawSort && sortable.includes(rawSort) ? rawSort : defaultSort;
  const dir: SortDir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const search = params.get('q') ?? '';

  const update = useCallback(
    (changes: Record<string, string | null>, resetPage: boolean) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(name);
            else next.set(name, value);
          }
          if (resetPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return {
    search,
    sort,
    dir,
    page,
    filter: (name) => params.get(name) ?? '',
    setSearch: (text) => update({ q: text.trim() }, true),
    setSort: (next) =>
      update({ sort: next, dir: next === sort && dir === 'asc' ? 'desc' : 'asc' }, true),
    setPage: (next) => update({ page: next > 1 ? String(next) : null }, false),
    setFilter: (name, value) => update({ [name]: value }, true),
    clearFilters: () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams();
          for (const kept of ['sort', 'dir']) {
            const value = prev.get(kept);
            if (value) next.set(kept, value);
          }
          return next;
        },
        { replace: true },
      ),
    query: {
      ...(search ? { search } : {}),
      sort,
      dir,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    },
  };
}
