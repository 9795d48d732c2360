/**
 * Imports an app's JSON-lines report (issues and stats), pasted or from a file. Good
 * lines are kept and bad ones listed with their number and why, so the dialog stays
 * open on the result: what was kept, and each line to fix.
 */
import { useState } from 'react';
import type { AppReportResult } from '../../../src-main/domain/apps/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { useToast } from '../../components/Toasts';
import { plural } from '../../format/numbers';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { TextOrFileField } from '../../forms/FileFields';
import { errorFor, useApiForm } from '../../forms/useApiForm';

interface ImportReportDialogProps {
  /** The app whose page this is: lines without an `app` field are its. */
  app?: { id: string; displayName: string };
  onClose: () => void;
  /** Told after every import that kept something. */
  onImported: () => void;
}

/** The API takes 50 MB; a report file is read into the page first. */
const REPORT_MAX_BYTES = 50 * 1000 * 1000;

const EXAMPLE = [
  '{"type":"issue","severity":"Error","message":"License check failed","time":"2026-11-20T10:00:00Z"}',
  '{"type":"stat","kind":"Requests","value":1200,"time":"2026-11-20T10:00:00Z"}',
].join('\n');

export function ImportReportDialog({ app, onClose, onImported }: ImportReportDialogProps) {
  const toast = useToast();
  const form = useApiForm();
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<AppReportResult | null>(null);

  async function submit() {
    if (!content.trim()) return form.reject({ content: 'Paste the report’s lines, or choose its file.' });
    const imported = await form.submit('app.report', { content, ...(app ? { appId: app.id } : {}) });
    if (!imported) return;
    setResult(imported);
    const kept = imported.issues + imported.stats;
    if (kept > 0) onImported();
    const rejected = imported.rejectedCount ?? imported.rejected.length;
    if (rejected === 0) toast.success(`Report imported: ${keptWords(imported)}.`);
  }

  if (result) {
    const rejected = result.rejectedCount ?? result.rejected.length;
    return (
      <Dialog
        title="Report imported"
        wide
        onClose={onClose}
        actions={
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                setResult(null);
                setContent('');
                setFileName(null);
              }}
            >
              Import another
            </button>
            <button type="button" className="button button--primary" onClick={onClose} autoFocus>
              Done
            </button>
          </>
        }
      >
        <p className="report-result__kept" role="status">
          Kept {keptWords(result)}
          {fileName ? ` from ${fileName}` : ''}.
        </p>
        {rejected > 0 && (
          <>
            <p className="refusal" role="alert">
              {plural(rejected, 'line was', 'lines were')} not imported. Fix {rejected === 1 ? 'it' : 'them'} and import just {rejected === 1 ? 'that line' : 'those lines'} again: the lines kept are already in.
            </p>
            <div className="table-wrap report-result__rejected">
              <table className="table">
                <caption className="visually-hidden">Lines not imported</caption>
                <thead>
                  <tr>
                    <th scope="col" className="cell--end">
                      Line
                    </th>
                    <th scope="col">Why it was not imported</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rejected.map((r) => (
                    <tr key={r.line}>
                      <td className="cell--end cell--nowrap">{r.line}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {rejected > result.rejected.length && <p className="muted">The first {result.rejected.length.toLocaleString()} are listed.</p>}
          </>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      title={app ? `Import a report for ${app.displayName}` : 'Import an app report'}
      wide
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Import report" busyLabel="Importing…" onCancel={onClose} />}
    >
      <p>
        One JSON object a line: an <code>issue</code> (severity, message, optional details, time) or a <code>stat</code> (kind, value, time).
        {app ? ' Lines without an "app" field are this app’s.' : ' Each line names its app by its GUID in an "app" field.'} Bad lines are listed; good ones are kept.
      </p>
      <DialogRefusal form={form} fields={['content', 'appId']} />
      <div className="dialog__fields">
        <TextOrFileField
          name="content"
          label="Report"
          required
          rows={8}
          maxBytes={REPORT_MAX_BYTES}
          accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
          placeholder={EXAMPLE}
          hint="Ctrl+Enter imports."
          value={content}
          onFileRead={setFileName}
          onChange={(v) => {
            setContent(v);
            form.clearError('content');
          }}
          error={errorFor(form.errors, 'content')}
        />
      </div>
    </Dialog>
  );
}

function keptWords(result: AppReportResult): string {
  return `${plural(result.issues, 'issue')} and ${plural(result.stats, 'stat')}`;
}
