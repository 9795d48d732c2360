/** Plain-text output for people: aligned tables and key/value blocks. No colours, so pipes stay clean. */
import type { Page } from '../../domain/catalog/types';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
}

const MAX_CELL = 48;
export const NONE = '-';

function cell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined || value === '' ? NONE : String(value).replace(/\s+/g, ' ');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

export function table<T>(columns: Column<T>[], rows: T[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n');
}

export function keyValues(pairs: [string, string | number | null | undefined][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs
    .map(([k, v]) => `${`${k}:`.padEnd(width + 1)}  ${v === null || v === undefined || v === '' ? NONE : String(v)}`)
    .join('\n');
}

/** "Showing 1-20 of 31 SKUs." with a hint when more pages exist. */
export function pageSummary(page: Page<unknown>, noun: string): string {
  if (page.total === 0) return `No ${noun} found.`;
  if (page.items.length === 0) return `No ${noun} on this page (${page.total} in all; lower --offset).`;
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  const more = last < page.total ? ` Next page: --offset ${last}.` : '';
  return `Showing ${first}-${last} of ${page.total} ${noun}.${more}`;
}

export function listOutput<T>(page: Page<T>, columns: Column<T>[], noun: string, emptyHint?: string): string {
  if (page.total === 0) return emptyHint ? `No ${noun} found. ${emptyHint}` : `No ${noun} found.`;
  return page.items.length ? `${table(columns, page.items)}\n\n${pageSummary(page, noun)}` : pageSummary(page, noun);
}

/** Dates at midnight UTC show as the day alone; other times in full. */
export function showDate(iso: string | null | undefined): string {
  if (!iso) return NONE;
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, 'Z');
}

export function showDays(days: number | null): string {
  return days === null ? 'no limit' : `${days} day${days === 1 ? '' : 's'}`;
}

export function showLimit(n: number | null): string {
  return n === null ? 'no limit' : String(n);
}

export function showYesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

export function section(title: string, body: string): string {
  return `\n${title}\n${body}`;
}
