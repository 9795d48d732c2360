/**
 * Exports what a list shows now (its search, filters and sort, every page) as a CSV
 * file the browser downloads. The file is made by the API (export.csv) and saved from
 * the page, so the desktop app and the browser behave alike.
 */
import { useState } from 'react';
import type { EXPORTABLE_LISTS } from '../../src-main/api/schemas';
import { api, messageOf } from '../api/client';
import { downloadText } from '../api/download';
import { plural } from '../format/numbers';
import { useToast } from './Toasts';

export type ExportableList = (typeof EXPORTABLE_LISTS)[number];

interface ExportCsvButtonProps {
  list: ExportableList;
  /** The list's own input, without paging: what is filtered is what is exported. */
  query: Record<string, unknown>;
  /** Singular noun for the toast: "customer". */
  noun: string;
}

export function ExportCsvButton({ list, query, noun }: ExportCsvButtonProps) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function exportCsv() {
    setBusy(true);
    try {
      const { limit: _limit, offset: _offset, ...filters } = query;
      const result = await api('export.csv', { list, query: filters });
      downloadText(result.filename, result.csv, 'text/csv');
      if (result.truncated) toast.info(`Exported the first ${plural(result.rows, noun)} to ${result.filename}: an export holds no more. Narrow the list to export the rest.`);
      else toast.success(`Exported ${plural(result.rows, noun)} to ${result.filename}.`);
    } catch (error) {
      toast.error(`The export failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button" onClick={() => void exportCsv()} disabled={busy}>
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}
