/** Small pieces every catalog list and command shares. */
import { and, count, ne, sql, type SQL } from 'drizzle-orm';
import { KeyHubError } from '../../api/errors';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../store/open';
import type { Page } from './types';

export const DEFAULT_PAGE_SIZE = 50;

export interface ListInput {
  search?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export function pageOf(input: ListInput) {
  return { limit: input.limit ?? DEFAULT_PAGE_SIZE, offset: input.offset ?? 0 };
}

/** `LIKE` pattern for a user's text, with `%`, `_` and `\` taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `(a LIKE p OR b LIKE p …)`, case-insensitive (SQLite's LIKE is, for ASCII). */
export function matchesAny(search: string | undefined, columns: (SQLiteColumn | SQL)[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = containsPattern(search);
  return sql`(${sql.join(
    columns.map((c) => sql`${c} LIKE ${pattern} ESCAPE '\\'`),
    sql` OR `,
  )})`;
}

export function orderBy(column: SQLiteColumn | SQL, dir: 'asc' | 'desc' | undefined): SQL {
  return dir === 'desc' ? sql`${column} DESC` : sql`${column} ASC`;
}

export function toPage<T>(items: T[], total: number, input: ListInput): Page<T> {
  return { items, total, ...pageOf(input) };
}

/** How many rows of a table match, for a list's total (synchronous, unlike drizzle's $count). */
/**
 * A correlated `(SELECT count(*) …)` with table-qualified names. Written as raw SQL on
 * purpose: drizzle renders columns unqualified inside sql`` templates, which in a
 * subquery silently binds `id` to the inner table.
 */
export function countCorrelated(table: string, foreignKey: string, outer: string, join = '') {
  return sql<number>`${sql.raw(`(SELECT count(*) FROM ${table} ${join} WHERE ${foreignKey} = ${outer})`)}`;
}

export function countRows(db: Db, table: SQLiteTable, where: SQL | undefined): number {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}

/** A patch without its left-out fields: `undefined` means "keep", null means "clear". */
export function definedOnly<T extends object>(patch: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as never;
}

export interface UniqueRule {
  idColumn: SQLiteColumn;
  column: SQLiteColumn;
  value: string;
  /** Narrows the rule (e.g. "per vendor"). */
  scope?: SQL;
  /** The row being updated, which may keep its own value. */
  exceptId?: number;
  field: string;
  message: string;
}

/**
 * Refuses a value that another row already has, ignoring case, with the field named.
 * (Codes and names that differ only in case would be ambiguous to people and to
 * payment-provider mapping; the unique indexes say the same with COLLATE NOCASE.)
 */
export function assertUnique(db: Db, table: SQLiteTable, rule: UniqueRule): void {
  const clash = db
    .select({ id: rule.idColumn })
    .from(table)
    .where(
      and(
        sql`${rule.column} = ${rule.value} COLLATE NOCASE`,
        rule.scope,
        rule.exceptId === undefined ? undefined : ne(rule.idColumn, rule.exceptId),
      ),
    )
    .get();
  if (clash) {
    throw new KeyHubError('CONFLICT', rule.message, { fields: { [rule.field]: rule.message }, existingId: clash.id });
  }
}
