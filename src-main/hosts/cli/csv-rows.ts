/**
 * The CSV that `keyhub sign --csv` reads: a header row naming the columns, then one
 * license per row. Each row keeps its line number, so every message can point at it.
 */
import { ApiFailure } from './failures';

export const CSV_COLUMNS = ['sku', 'owner', 'domain', 'features', 'expires', 'message'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED: CsvColumn[] = ['sku', 'owner'];
const ALIASES: Record<string, CsvColumn> = { domains: 'domain', feature: 'features', expiry: 'expires', expiration: 'expires', owner_name: 'owner' };

export interface CsvRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  sku: string;
  owner: string;
  domains: string[];
  /** Absent: the SKU's feature codes. */
  features?: string[];
  /** Absent: from the SKU's license duration; null: never. */
  expires?: string | null;
  message?: string;
}

const csvFailure = (message: string) => new ApiFailure({ code: 'VALIDATION', message, details: { fields: { csv: message } } });

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

export async function readCsvRows(text: string): Promise<CsvRow[]> {
  const { CsvError, parse } = await import('csv-parse/sync');
  type Parsed = Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  let records: Parsed;
  try {
    // With info: true each record comes with where it ends; the typings do not know that.
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count_less: true, info: true }) as unknown as Parsed;
  } catch (error) {
    if (error instanceof CsvError) throw csvFailure(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
  if (!records.length) throw csvFailure(`The CSV is empty. Its first row names the columns: ${CSV_COLUMNS.join(', ')} (sku and owner are required).`);

  const header = records[0].record.map((name) => name.trim().toLowerCase());
  const columns = header.map((name) => ALIASES[name] ?? name);
  const unknown = columns.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (unknown.length || missing.length) {
    const problems = [
      ...(missing.length ? [`it has no ${missing.join(' or ')} column`] : []),
      ...(unknown.length ? [`it names unknown columns: ${unknown.map((n) => `"${n}"`).join(', ')}`] : []),
    ];
    throw csvFailure(
      `The CSV's first row must be a header naming its columns: ${CSV_COLUMNS.join(', ')} (sku and owner are required; the others may be left out). On line ${startLine(records, 0)}, ${problems.join(', and ')}.`,
    );
  }
  const repeated = columns.find((name, i) => columns.indexOf(name) !== i);
  if (repeated) throw csvFailure(`The CSV's header names the column ${repeated} twice.`);
  if (records.length === 1) throw csvFailure('The CSV has a header but no rows to sign.');

  return records.slice(1).map(({ record }, i) => {
    const cell = (name: CsvColumn) => {
      const at = columns.indexOf(name);
      return at >= 0 ? (record[at] ?? '').trim() : '';
    };
    const features = cell('features');
    const expires = cell('expires');
    const message = cell('message');
    return {
      line: startLine(records, i + 1),
      sku: cell('sku'),
      owner: cell('owner'),
      domains: list(cell('domain')),
      ...(features && { features: features.toLowerCase() === 'none' ? [] : list(features) }),
      ...(expires && { expires: ['never', 'none'].includes(expires.toLowerCase()) ? null : expires }),
      ...(message && { message }),
    };
  });
}

/** csv-parse reports the line a record ends on; a record starts after the previous one and any blank lines. */
function startLine(records: Array<{ info: { lines: number; empty_lines: number } }>, index: number): number {
  const before = index > 0 ? records[index - 1].info : { lines: 0, empty_lines: 0 };
  return before.lines + 1 + (records[index].info.empty_lines - before.empty_lines);
}
