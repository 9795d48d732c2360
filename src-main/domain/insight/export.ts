/**
 * CSV export of any list: reads the list page by page (through the list's own
 * handler, see api/handlers/export-csv.ts), flattens each row into columns and writes
 * the text with csv-stringify.
 */
import { stringify } from 'csv-stringify/sync';
import { decimalAmount } from '../sales/money';
import type { CsvExport } from './types';

/** An export holds at most this many rows; `truncated` says when the list had more. */
export const EXPORT_ROW_LIMIT = 100_000;
/** The largest page every list's schema accepts. */
export const EXPORT_PAGE_SIZE = 500;

export interface ListPage {
  items: unknown[];
  total?: number;
  /** Set by lists that stop counting (and searches that stop matching) at a cap. */
  totalIsLowerBound?: boolean;
}

/** File names by list: `license.list` exports to `licenses-2026-11-22.csv`. */
const FILE_NAMES: Record<string, string> = {
  'license.list': 'licenses',
  'domain.list': 'domain-licenses',
  'customer.list': 'customers',
  'user.list': 'users',
  'app.list': 'apps',
  'audit.list': 'audit-log',
  'vendor.list': 'vendors',
  'sku.list': 'skus',
  'feature.list': 'feature-codes',
  'package.list': 'packages',
  'transaction.list': 'transactions',
};

export function exportFilename(list: string, now: string): string {
  return `${FILE_NAMES[list] ?? list.replace(/\W+/g, '-')}-${now.slice(0, 10)}.csv`;
}

/** A nested value as text a person reads in a spreadsheet cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).filter((v) => v !== '').join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? `(${cellText(v)})` : cellText(v)}`)
      .join(', ');
  }
  return String(value);
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula; text
 * from customers (an owner name, a domain) must stay text, so it gets a leading quote.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Columns: every field any row has, in the order they first appear. */
export function toCsv(rows: readonly unknown[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row as object)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  if (!columns.length) return '';
  const records = rows.map((row) =>
    columns.map((key) => {
      const value = (row as Record<string, unknown>)[key];
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : inert(cellText(value));
    }),
  );
  return stringify(records, { header: true, columns, record_delimiter: 'unix' });
}

/**
 * Reads pages of EXPORT_PAGE_SIZE until the list ends or EXPORT_ROW_LIMIT is passed
 * (one row past the limit is read, to know whether the export is cut short).
 */
export async function collectRows(readPage: (offset: number, limit: number) => Promise<ListPage> | ListPage): Promise<{ rows: unknown[]; truncated: boolean }> {
  const rows: unknown[] = [];
  let last: ListPage;
  for (;;) {
    const limit = Math.min(EXPORT_PAGE_SIZE, EXPORT_ROW_LIMIT + 1 - rows.length);
    last = await readPage(rows.length, limit);
    rows.push(...last.items);
    if (last.items.length < limit || rows.length > EXPORT_ROW_LIMIT) break;
  }
  // A broad search stops at its cap of matches (`totalIsLowerBound`), and its pages end
  // there: the list had more than the export could read.
  const searchCapped = last.totalIsLowerBound === true && rows.length <= (last.total ?? 0);
  const truncated = rows.length > EXPORT_ROW_LIMIT || searchCapped;
  return { rows: truncated ? rows.slice(0, EXPORT_ROW_LIMIT) : rows, truncated };
}

/** Rows as a spreadsheet should read them: money as decimal amounts ("249.00"), not minor units. */
const ROW_SHAPES: Record<string, (row: Record<string, unknown>) => Record<string, unknown>> = {
  'transaction.list': (row) => {
    const currency = String(row.currency);
    return { ...row, gross: decimalAmount(Number(row.gross), currency), refunded: decimalAmount(Number(row.refunded), currency) };
  },
};

export function csvExport(list: string, rows: unknown[], truncated: boolean, now: string): CsvExport {
  const shape = ROW_SHAPES[list];
  const shaped = shape ? rows.map((row) => shape(row as Record<string, unknown>)) : rows;
  return { filename: exportFilename(list, now), csv: toCsv(shaped), rows: rows.length, truncated };
}
