/**
 * export.csv: runs the named list's own handler page by page, with the caller's query
 * checked by that list's input schema first (so an export filters, sorts and refuses
 * exactly as the list does).
 */
import { contract, type ParsedInput } from '../contract';
import { validationError, type ApiContext, type Handler } from '../dispatch';
import { KeyHubError } from '../errors';
import { collectRows, csvExport, type ListPage } from '../../domain/insight/export';
import type { CsvExport } from '../../domain/insight/types';
import { nowUtc } from '../../shared/time';
import { handlers } from './index';

type Exportable = ParsedInput<'export.csv'>['list'];

/** The list's input for one page; a query the list refuses is refused here, its fields under `query.`. */
function pageInput(list: Exportable, query: Record<string, unknown>, offset: number, limit: number): unknown {
  const parsed = contract[list].input.safeParse({ ...query, offset, limit });
  if (parsed.success) return parsed.data;
  const error = validationError(parsed.error);
  const fields = Object.fromEntries(Object.entries((error.details?.fields ?? {}) as Record<string, string>).map(([k, v]) => [`query.${k}`, v]));
  throw new KeyHubError('VALIDATION', error.message, { fields });
}

export async function exportCsv(ctx: ApiContext, input: ParsedInput<'export.csv'>): Promise<CsvExport> {
  const { list, query } = input;
  // Checked before the first page, so a bad query fails before any work.
  pageInput(list, query, 0, 1);
  const run = handlers[list] as Handler<typeof list>;
  const { rows, truncated } = await collectRows(async (offset, limit) => (await run(ctx, pageInput(list, query, offset, limit) as never)) as ListPage);
  return csvExport(list, rows, truncated, nowUtc());
}
