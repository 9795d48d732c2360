/**
 * A table whose sorting is done by the API: a sortable header is a button that asks
 * for a new sort; the rows arrive already in order. Clicking a row opens it; the
 * first cell holds a real link so the keyboard reaches it too.
 */
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { SortDir } from '../hooks/useListParams';

export interface Column<T, S extends string = string> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The API's sort key; absent when the column cannot be sorted. */
  sortKey?: S;
  align?: 'start' | 'end';
  /** Narrow columns (counts, dates) do not wrap. */
  nowrap?: boolean;
  /** Hidden when the table's card is narrow; another cell then shows it (see NarrowOnly). */
  wideOnly?: boolean;
}

interface DataTableProps<T, S extends string> {
  columns: Column<T, S>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** Where a row leads; clicking anywhere on it goes there. */
  rowHref?: (row: T) => string;
  sort?: S;
  dir?: SortDir;
  onSort?: (sort: S) => void;
  /** Dims the rows while a new sort or page loads. */
  busy?: boolean;
  caption: string;
}

export function DataTable<T, S extends string>({
  columns,
  rows,
  rowKey,
  rowHref,
  sort,
  dir,
  onSort,
  busy,
  caption,
}: DataTableProps<T, S>) {
  const navigate = useNavigate();
  return (
    <div className="table-wrap">
      <table className={busy ? 'table table--busy' : 'table'} aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <HeaderCell key={column.id} column={column} sort={sort} dir={dir} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={rowHref ? 'table__row--link' : undefined}
              onClick={(event) => {
                // Let real links and buttons inside the row do their own job.
                if (!rowHref || (event.target as HTMLElement).closest('a, button, input')) return;
                navigate(rowHref(row));
              }}
            >
              {columns.map((column) => (
                <td key={column.id} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass(column: { align?: 'start' | 'end'; nowrap?: boolean; wideOnly?: boolean }): string | undefined {
  const classes = [
    column.align === 'end' && 'cell--end',
    column.nowrap && 'cell--nowrap',
    column.wideOnly && 'cell--wide-only',
  ].filter(Boolean);
  return classes.length ? classes.join(' ') : undefined;
}

interface HeaderCellProps<T, S extends string> {
  column: Column<T, S>;
  sort?: S;
  dir?: SortDir;
  onSort?: (sort: S) => void;
}

function HeaderCell<T, S extends string>({ column, sort, dir, onSort }: HeaderCellProps<T, S>) {
  const className = cellClass(column);
  if (!column.sortKey || !onSort) {
    return (
      <th scope="col" className={className}>
        {column.header}
      </th>
    );
  }
  const active = sort === column.sortKey;
  const sortKey = column.sortKey;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (dir === 'desc' ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className={active ? 'sort-button sort-button--active' : 'sort-button'}
        onClick={() => onSort(sortKey)}
        title={`Sort by ${column.header.toLowerCase()}`}
      >
        {column.header}
        <span className="sort-button__arrow" aria-hidden="true">
          {active ? (dir === 'desc' ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Content shown only while the table is narrow: what a hidden `wideOnly` column held. */
export function NarrowOnly({ children }: { children: ReactNode }) {
  return <span className="narrow-only muted">{children}</span>;
}
