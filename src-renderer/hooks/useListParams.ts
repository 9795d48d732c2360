/**
 * A list's search, sort, page and filters live in the URL (inside the hash route), so
 * Back returns to the same view and a reload keeps it. An address can say anything, so
 * what it says is brought within what the API accepts before it is sent: a list never
 * fails over its own parameters.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { vendorList } from '../../src-main/api/schemas';

export const PAGE_SIZE = 25;

/** The longest search the API takes (listQuery's `search`, the same for every list). */
export const SEARCH_MAX_LENGTH = vendorList.shape.search.unwrap().maxLength ?? 256;

/** Beyond this page the offset would no longer be a safe integer (the API refuses it). */
const LAST_POSSIBLE_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / PAGE_SIZE);

export type SortDir = 'asc' | 'desc';

export interface ListParams<S extends string> {
  search: string;
  sort: S;
  dir: SortDir;
  page: number;
  filter: (name: string) => string;
  /** A filter that names a record (`vendor=3`); undefined when absent or not an id. */
  idFilter: (name: string) => number | undefined;
  setSearch: (text: string) => void;
  setSort: (sort: S) => void;
  setPage: (page: number) => void;
  setFilter: (name: string, value: string) => void;
  /** Drops the search and every filter; keeps the sort. */
  clearFilters: () => void;
  /** The paging and sorting part of a list call. */
  query: { search?: string; sort: S; dir: SortDir; limit: number; offset: number };
}

/** `defaultDir`: the direction before the user chooses one (newest first for licenses). */
export function useListParams<S extends string>(sortable: readonly S[], defaultSort: S, defaultDir: SortDir = 'asc'): ListParams<S> {
  const [params, setParams] = useSearchParams();

  const rawSort = params.get('sort') as S | null;
  const sort = rawSort && sortable.includes(rawSort) ? rawSort : defaultSort;
  const rawDir = params.get('dir');
  const dir: SortDir = rawDir === 'desc' || rawDir === 'asc' ? rawDir : defaultDir;
  const page = Math.min(LAST_POSSIBLE_PAGE, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const search = (params.get('q') ?? '').slice(0, SEARCH_MAX_LENGTH);

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
    idFilter: (name) => recordId(params.get(name)),
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

function recordId(text: string | null): number | undefined {
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
