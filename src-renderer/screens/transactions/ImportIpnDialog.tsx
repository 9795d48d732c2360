/**
 * Imports PayPal IPN / e-junkie messages, pasted or from a file (chosen or dropped):
 * a progress bar while the batches go in, then the report — licenses issued,
 * duplicates skipped, each rejected message with its line and reason, and units waiting
 * for a SKU. The signing keys are asked for when a purchase needs them.
 */
import { useId, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import type { ImportTally } from '../../../src-main/domain/sales/types';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { plural } from '../../format/numbers';
import { CODE_TEXT_ATTRIBUTES } from '../../forms/fields';
import { dragHasFiles, formatBytes } from '../../forms/files';
import { useVault } from '../keys/VaultContext';
import { transactionPaths } from './transactionPaths';
import { recordedWords } from './transactionWords';
import { useIpnImport, type ImportOutcome, type ImportSource } from './useIpnImport';

/** The seed's form, shortened: what a message looks like. */
const EXAMPLE = ['txn_id=6MF63406U4306732Y', 'payment_status=Completed', 'payment_date=02%3A51%3A26+Jul+18%2C+2012+MST', 'mc_gross=249', 'mc_currency=USD', '…'].join('\n');

interface ImportIpnDialogProps {
  onClose: () => void;
  /** Told after an import that may have changed the list. */
  onImported: () => void;
}

export function ImportIpnDialog({ onClose, onImported }: ImportIpnDialogProps) {
  const vault = useVault();
  const toast = useToast();
  const importer = useIpnImport(vault.recoverLocked);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [outcome, setOutcome] = useState<(ImportOutcome & { source: string }) | null>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const textId = useId();
  const errorId = useId();
  const importing = importer.progress !== null;

  function takeFile(chosen: File) {
    setFile(chosen);
    setError(null);
  }

  async function submit() {
    if (importing) return;
    const source: ImportSource | null = file ? { kind: 'file', file } : text.trim() ? { kind: 'text', text } : null;
    if (!source) {
      setError('Paste the messages, or choose or drop their file.');
      return;
    }
    const result = await importer.run(source);
    setOutcome({ ...result, source: file ? file.name : 'the pasted text' });
    if (result.tally.recorded + result.tally.updated > 0) onImported();
    if (!result.stopped && result.tally.rejected.length === 0 && result.tally.messages > 0) {
      toast.success(`Imported ${plural(result.tally.messages, 'message')}: ${plural(result.tally.issued, 'license')} issued.`);
    }
  }

  function again() {
    setOutcome(null);
    setText('');
    setFile(null);
  }

  if (outcome) return <ImportReport outcome={outcome} onAgain={again} onClose={onClose} />;

  const onDrop = {
    onDragOver: (event: DragEvent) => {
      if (importing || !dragHasFiles(event.dataTransfer.types)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      setDragging(false);
      const dropped = event.dataTransfer.files[0];
      if (!dropped || importing) return;
      event.preventDefault();
      takeFile(dropped);
    },
  };

  return (
    <Dialog
      title="Import IPN messages"
      wide
      // While batches are going in, closing means "stop after this batch".
      onClose={importing ? importer.stop : onClose}
      onSubmit={() => void submit()}
      actions={
        importing ? (
          <button type="button" className="button" onClick={importer.stop}>
            Stop
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              Import
            </button>
          </>
        )
      }
    >
      <p>
        PayPal IPN or e-junkie messages: one <code>key=value</code> pair a line (blank lines between messages), or PayPal’s form-encoded bodies, one a line. Completed
        purchases issue their licenses once; refunds and reversals revoke them. A message that cannot be read is listed with its line; the others still import.
      </p>
      {importing ? (
        <div className="job-progress">
          <progress className="job-progress__bar" max={1} value={importer.progress!.fraction} aria-label="Import progress" />
          <p className="job-progress__text" aria-live="polite">
            {plural(importer.progress!.messages, 'message')} imported so far…
          </p>
        </div>
      ) : (
        <div className="dialog__fields">
          <div className={['field', 'field--wide', error && 'field--invalid'].filter(Boolean).join(' ')}>
            <label className="field__label" htmlFor={textId}>
              Messages
            </label>
            <div className={dragging ? 'drop-zone drop-zone--active' : 'drop-zone'} {...onDrop}>
              {file ? (
                <p className="ipn-file">
                  <span className="code">{file.name}</span> <span className="muted">({formatBytes(file.size)})</span>
                  <button type="button" className="button button--small" onClick={() => setFile(null)}>
                    Remove file
                  </button>
                </p>
              ) : (
                <textarea
                  id={textId}
                  name="messages"
                  className="input input--textarea input--code"
                  rows={10}
                  value={text}
                  placeholder={EXAMPLE}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                  autoFocus
                  data-autofocus="true"
                  {...CODE_TEXT_ATTRIBUTES}
                  onChange={(e) => {
                    setText(e.target.value);
                    setError(null);
                  }}
                />
              )}
            </div>
            <div className="file-pick">
              <button type="button" className="button button--small" onClick={() => chooser.current?.click()}>
                Choose a file…
              </button>
              <input
                ref={chooser}
                type="file"
                className="visually-hidden"
                tabIndex={-1}
                aria-label="Messages: choose a file"
                accept=".txt,.ipn,.log,text/plain"
                onChange={(event) => {
                  const chosen = event.target.files?.[0];
                  event.target.value = '';
                  if (chosen) takeFile(chosen);
                }}
              />
              <span className="muted">or drop a file on the box. Ctrl+Enter imports.</span>
            </div>
            {error && (
              <p className="field__error" id={errorId}>
                {error}
              </p>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}

function ImportReport({ outcome, onAgain, onClose }: { outcome: ImportOutcome & { source: string }; onAgain: () => void; onClose: () => void }) {
  const { tally, stopped, source } = outcome;
  return (
    <Dialog
      title={stopped ? 'Import stopped' : 'Import finished'}
      wide
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onAgain}>
            Import more
          </button>
          <button type="button" className="button button--primary" onClick={onClose} autoFocus>
            Done
          </button>
        </>
      }
    >
      {stopped && (
        <p className="refusal" role="alert">
          {stopped}
        </p>
      )}
      {tally.messages === 0 ? (
        <p role="status">No message was found in {source}.</p>
      ) : (
        <>
          <p className="report-result__kept" role="status">
            Read {plural(tally.messages, 'message')} from {source}: {recordedWords(tally)}.
          </p>
          <ImportCounts tally={tally} />
        </>
      )}
      {tally.rejected.length > 0 && (
        <>
          <p className="refusal" role="alert">
            {plural(tally.rejected.length, 'message was', 'messages were')} rejected and changed nothing. Fix {tally.rejected.length === 1 ? 'it' : 'them'} and import{' '}
            {tally.rejected.length === 1 ? 'it' : 'them'} again: the others are in.
          </p>
          <div className="table-wrap report-result__rejected">
            <table className="table">
              <caption className="visually-hidden">Messages rejected</caption>
              <thead>
                <tr>
                  <th scope="col" className="cell--end">
                    Line
                  </th>
                  <th scope="col">Transaction</th>
                  <th scope="col">Why it was rejected</th>
                </tr>
              </thead>
              <tbody>
                {tally.rejected.map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <td className="cell--end cell--nowrap">{r.line}</td>
                    <td className="cell--nowrap code">{r.txnId ?? '—'}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}

function ImportCounts({ tally }: { tally: ImportTally }) {
  return (
    <ul className="import-counts" aria-label="What the import did">
      <li>
        Issued <strong>{plural(tally.issued, 'license')}</strong>
      </li>
      <li>
        Skipped <strong>{plural(tally.duplicates, 'duplicate')}</strong>
      </li>
      <li>
        Rejected <strong>{plural(tally.rejected.length, 'message')}</strong>
      </li>
      {tally.waiting > 0 && (
        <li className="import-counts__attention">
          <strong>{plural(tally.waiting, 'unit')}</strong> waiting for a SKU or a signing key: <Link to={transactionPaths.waitingQueue}>see the waiting items</Link>
        </li>
      )}
      {tally.revoked > 0 && (
        <li>
          Revoked <strong>{plural(tally.revoked, 'license')}</strong> (refunds and reversals)
        </li>
      )}
      {tally.restored > 0 && (
        <li>
          Restored <strong>{plural(tally.restored, 'license')}</strong> (cancelled reversals)
        </li>
      )}
    </ul>
  );
}
