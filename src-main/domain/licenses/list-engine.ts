/**
 * Picks one page of ids for a big list (licenses, domain licenses) with queries that
 * read an index, never the whole table:
 *
 * - with a search, the matches (search.ts, at most COUNT_CAP) are sorted and paged;
 * - otherwise the filters' rows are counted up to COUNT_CAP through their index (up to
 *   PROBE_COUNT_CAP when each row needs a look-up in another table), and
 *   the page is read either through that index and sorted (few rows), or by walking
 *   the sort column's index and checking the filters row by row (many rows), whichever
 *   visits fewer rows.
 *
 * The chosen ids are then hydrated by rows.ts.
 */
import type Database from 'better-sqlite3';
import type { Candidates, ListFilter } from './search';
import { statement } from '../../store/statements';
import { DEFAULT_PAGE_SIZE, type ListInput } from '../catalog/common';
import type { CappedPage } from './types';

/** Totals stop counting here (`totalIsLowerBound`), so no list counts a million rows. */
export const COUNT_CAP = 10_000;
/** The cap where every counted row needs a look-up in another table (a domain's license). */
export const PROBE_COUNT_CAP = 1_000;

export interface SortTerm {
  expr: string;
  /** A nullable column where null means "never": it sorts after every date. */
  nullMeansNever?: boolean;
}

export interface SortWalk {
  terms: SortTerm[];
  /** FROM clause that walks this sort's index (INDEXED BY), for many matching rows. */
  walk: string;
}

export interface SortSpec extends SortWalk {
  /** Tables the sort terms need besides the list's own (joined after it). */
  join?: string;
  /** A better index to walk when this filter is set (its key in ListFilter.keys). */
  byFilter?: Record<string, SortWalk>;
}

export interface ListSpec {
  /** The list's table and alias, e.g. `licenses l`. */
  from: string;
  alias: string;
  sorts: Record<string, SortSpec>;
}

export interface IdPage {
  ids: number[];
  total: number;
  totalIsLowerBound: boolean;
}

export interface PageRequest {
  sort: string;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The page a list input asks for: the list's default sort in its default direction, or a chosen sort (ascending unless told). */
export function pageRequestOf(input: ListInput, defaultSort: string, defaultDir: 'asc' | 'desc'): PageRequest {
  return {
    sort: input.sort ?? defaultSort,
    dir: input.dir ?? (input.sort === undefined ? defaultDir : 'asc'),
    limit: input.limit ?? DEFAULT_PAGE_SIZE,
    offset: input.offset ?? 0,
  };
}

/**
 * Collects the ids a search finds, source by source (`SELECT <alias>.id FROM <source>`,
 * the filters appended), keeping at most `cap` and noting when a source had more.
 */
export function candidateCollector(sqlite: Database.Database, alias: string, filter: ListFilter, cap: number) {
  const found = new Set<number>();
  let complete = true;
  const and = filter.sql ? ` AND ${filter.sql}` : '';
  return {
    add(source: string, params: Record<string, unknown>): void {
      const room = cap - found.size;
      if (room <= 0) {
        complete = false;
        return;
      }
      const ids = statement(sqlite, `SELECT ${alias}.id FROM ${source}${and} LIMIT @cap`).pluck().all({ ...filter.params, ...params, cap: room + 1 }) as number[];
      if (ids.length > room) complete = false;
      for (const id of ids.slice(0, room)) found.add(id);
    },
    /** A source outside the collector (customers found by name) missed some. */
    incomplete(): void {
      complete = false;
    },
    result(): Candidates {
      return { ids: [...found], complete };
    },
  };
}

/** A page's rows with its (capped) total. */
export function cappedPage<T>(page: IdPage, items: T[], req: PageRequest): CappedPage<T> {
  return { items, total: page.total, limit: req.limit, offset: req.offset, totalIsLowerBound: page.totalIsLowerBound };
}

/** `ORDER BY` terms; `plain` wraps columns in unary + so no index is used to sort. */
function orderBy(spec: SortWalk, dir: 'asc' | 'desc', plain = false): string {
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  return spec.terms
    .map((t) => {
      const expr = plain ? t.expr.replace(/^([a-z]+\.[a-z_]+)/, '(+$1)') : t.expr;
      const nulls = t.nullMeansNever ? (dir === 'desc' ? ' NULLS FIRST' : ' NULLS LAST') : '';
      return `${expr} ${d}${nulls}`;
    })
    .join(', ');
}

const where = (filter: ListFilter) => (filter.sql ? ` WHERE ${filter.sql}` : '');

/** Where the filtered rows are read from: the filter's own driving index when it has one. */
function filteredFrom(list: ListSpec, filter: ListFilter): { from: string; where: string } {
  if (filter.drive) return { from: filter.drive.from, where: ` WHERE ${filter.drive.sql}` };
  return { from: list.from, where: where(filter) };
}

/** Rows matching the filters, counted through an index up to `cap` + 1. */
function cappedCount(sqlite: Database.Database, list: ListSpec, filter: ListFilter, cap: number): number {
  const { from, where: conditions } = filteredFrom(list, filter);
  const sql = `SELECT count(*) FROM (SELECT 1 FROM ${from}${conditions} LIMIT ${cap + 1})`;
  return statement(sqlite, sql).pluck().get(filter.params) as number;
}

/** About how many rows the table holds (its highest id), in one index step. */
function tableSize(sqlite: Database.Database, list: ListSpec): number {
  return (statement(sqlite, `SELECT max(${list.alias}.id) FROM ${list.from}`).pluck().get() as number | null) ?? 0;
}

/** One page of the rows matching `filter`, in the requested order. */
export function filteredPage(sqlite: Database.Database, list: ListSpec, filter: ListFilter, req: PageRequest): IdPage {
  const spec = list.sorts[req.sort];
  const cap = filter.probes ? PROBE_COUNT_CAP : COUNT_CAP;
  const counted = cappedCount(sqlite, list, filter, cap);
  const complete = counted <= cap;
  const total = Math.min(counted, cap);
  // Rows visited: reading the filter's rows and sorting them visits `total`; walking the
  // sort index visits about (offset + limit) / (share of rows that match).
  const walkCost = filter.sql ? ((req.offset + req.limit) * Math.max(tableSize(sqlite, list), 1)) / Math.max(total, 1) : 0;
  const readFiltered = complete && filter.sql !== null && total <= walkCost;
  let sql: string;
  if (readFiltered) {
    const { from, where: conditions } = filteredFrom(list, filter);
    sql = `SELECT ${list.alias}.id FROM ${from}${spec.join ? ` ${spec.join}` : ''}${conditions} ORDER BY ${orderBy(spec, req.dir, true)}`;
  } else {
    const walk = Object.entries(spec.byFilter ?? {}).find(([key]) => filter.keys.includes(key))?.[1] ?? spec;
    sql = `SELECT ${list.alias}.id FROM ${walk.walk}${where(filter)} ORDER BY ${orderBy(walk, req.dir)}`;
  }
  sql += ' LIMIT @limit OFFSET @offset';
  const ids = statement(sqlite, sql).pluck().all({ ...filter.params, limit: req.limit, offset: req.offset }) as number[];
  return { ids, total, totalIsLowerBound: !complete };
}

/** One page of search matches (already filtered), in the requested order. */
export function candidatePage(sqlite: Database.Database, list: ListSpec, found: Candidates, req: PageRequest): IdPage {
  const spec = list.sorts[req.sort];
  const total = found.ids.length;
  let ids: number[];
  if (spec.terms.length === 1 && spec.terms[0].expr === `${list.alias}.id`) {
    const sorted = [...found.ids].sort((a, b) => (req.dir === 'desc' ? b - a : a - b));
    ids = sorted.slice(req.offset, req.offset + req.limit);
  } else {
    const sql = `SELECT ${list.alias}.id FROM json_each(@ids) AS found CROSS JOIN ${list.from} ON ${list.alias}.id = found.value${spec.join ? ` ${spec.join}` : ''} ORDER BY ${orderBy(spec, req.dir)} LIMIT @limit OFFSET @offset`;
    ids = statement(sqlite, sql).pluck().all({ ids: JSON.stringify(found.ids), limit: req.limit, offset: req.offset }) as number[];
  }
  return { ids, total, totalIsLowerBound: !found.complete };
}
