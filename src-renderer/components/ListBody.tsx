/**
 * The part of a list screen under the toolbar: the table and its pages, or the right
 * empty state (nothing yet: say how to add; nothing matching: offer to clear).
 */
import type { ReactNode } from 'react';
import type { Page } from '../../src-main/domain/catalog/types';
import { ApiError } from '../api/client';
import type { QueryState } from '../hooks/useApiQuery';
import { EmptyState } from './EmptyState';
import { Pagination } from './Pagination';

interface ListBodyProps<T> {
  query: QueryState<Page<T>>;
  /** Plural noun: "vendors". */
  noun: string;
  onPage: (page: number) => void;
  /** True when a search or filter is narrowing the list. */
  filtered: boolean;
  onClearFilters: () => void;
  /** The empty state for "there are none at all". */
  emptyState: ReactNode;
  children: (items: T[]) => ReactNode;
}

export function ListBody<T>({ query, noun, onPage, filtered, onClearFilters, emptyState, children }: ListBodyProps<T>) {
  const { error, loading, reload } = query;
  // While another page, sort or search loads, the rows on screen stay (dimmed).
  const data = query.data ?? query.lastData;
  if (error instanceof ApiError && error.code === 'VALIDATION') {
    // The list's own parameters were refused: the API's wording is about fields the
    // user never saw, so say it in terms of what they did.
    return (
      <EmptyState
        title={`The ${noun} cannot be listed with this search or filter.`}
        action={
          <button type="button" className="button" onClick={onClearFilters}>
            Clear search and filters
          </button>
        }
      >
        <p>Try a shorter search, or choose the filters again.</p>
      </EmptyState>
    );
  }
  if (error) {
    return (
      <EmptyState
        title={`The ${noun} could not be loaded.`}
        action={
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        }
      >
        <p>{error.message}</p>
      </EmptyState>
    );
  }
  if (!data) return <p className="loading" aria-busy="true">Loading {noun}…</p>;
  if (data.total === 0 && !filtered) return <>{emptyState}</>;
  if (data.items.length === 0 && data.total > 0) {
    // A page past the end (rows were deleted elsewhere): offer the first page.
    return (
      <EmptyState
        title="This page is empty."
        action={
          <button type="button" className="button" onClick={() => onPage(1)}>
            Go to the first page
          </button>
        }
      />
    );
  }
  if (data.total === 0) {
    return (
      <EmptyState
        title={`No ${noun} match.`}
        action={
          <button type="button" className="button" onClick={onClearFilters}>
            Clear search and filters
          </button>
        }
      >
        <p>Try fewer words, or another filter.</p>
      </EmptyState>
    );
  }
  return (
    <div className={loading ? 'list-body list-body--loading' : 'list-body'}>
      {children(data.items)}
      <Pagination
        offset={data.offset}
        pageSize={data.limit}
        total={data.total}
        onPage={onPage}
        noun={noun}
        totalIsLowerBound={'totalIsLowerBound' in data && data.totalIsLowerBound === true}
      />
    </div>
  );
}
