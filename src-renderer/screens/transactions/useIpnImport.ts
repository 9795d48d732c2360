/**
 * Runs an IPN import from the page: the text or file is cut into messages here (the IPN
 * splitter, the same rules as the CLI), sent in batches small enough for the browser
 * host, and the answers added up. A batch refused because the signing keys are locked
 * asks to unlock and is sent again (nothing of it was written); a file is read as a
 * stream, so its size does not matter to the page's memory.
 */
import { useCallback, useRef, useState } from 'react';
import { BROWSER_BATCH_LIMITS, splitIpnStream, splitIpnText, type IpnBatch } from '../../../src-main/domain/sales/ipn/split';
import { addTally, emptyTally } from '../../../src-main/domain/sales/tally';
import type { ImportTally } from '../../../src-main/domain/sales/types';
import { api, ApiError, messageOf } from '../../api/client';
import type { Recover } from '../../forms/useApiForm';


export type ImportSource = { kind: 'text'; text: string } | { kind: 'file'; file: File };

export interface ImportProgress {
  /** Messages answered so far (imported, skipped or rejected). */
  messages: number;
  /** How far through the input, 0–1. */
  fraction: number;
}

export interface ImportOutcome {
  tally: ImportTally;
  /** Why the import stopped before the end, or null when it read everything. */
  stopped: string | null;
}

async function* chunksOf(file: File, onRead: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onRead(value.byteLength);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* each(batches: IpnBatch[]): AsyncGenerator<IpnBatch> {
  yield* batches;
}

/** Sends one batch; a LOCKED refusal is recovered (unlock) and the same batch sent again. */
async function sendBatch(batch: IpnBatch, recover: Recover): Promise<ImportTally> {
  for (;;) {
    try {
      return await api('transaction.importIpn', { messages: batch.messages });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'LOCKED' || !(await recover(error))) throw error;
    }
  }
}

export function useIpnImport(recover: Recover) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const stopRequested = useRef(false);

  const run = useCallback(
    async (source: ImportSource): Promise<ImportOutcome> => {
      stopRequested.current = false;
      let tally = emptyTally();
      let readBytes = 0;
      const totalBytes = source.kind === 'file' ? Math.max(source.file.size, 1) : 1;
      // Pasted text is cut at once (its progress counts messages); a file as it is read (bytes).
      const pasted = source.kind === 'text' ? splitIpnText(source.text, BROWSER_BATCH_LIMITS) : [];
      const pastedTotal = pasted.reduce((n, b) => n + b.messages.length + b.rejected.length, 0);
      const batches = source.kind === 'file' ? splitIpnStream(chunksOf(source.file, (n) => (readBytes += n)), BROWSER_BATCH_LIMITS) : each(pasted);
      const report = () =>
        setProgress({ messages: tally.messages, fraction: source.kind === 'file' ? readBytes / totalBytes : tally.messages / Math.max(pastedTotal, 1) });
      setProgress({ messages: 0, fraction: 0 });
      let stopped: string | null = null;
      try {
        for await (const batch of batches) {
          // Messages refused before sending (too large to be IPN) are reported like the API's refusals.
          tally = addTally(addTally(emptyTally(), tally), { messages: batch.rejected.length, rejected: batch.rejected });
          if (batch.messages.length > 0) {
            try {
              tally = addTally(addTally(emptyTally(), tally), await sendBatch(batch, recover));
            } catch (error) {
              const notSent = error instanceof ApiError && error.code === 'LOCKED' ? 'The signing keys stayed locked, so' : `${messageOf(error)} So`;
              stopped = `${notSent} the import stopped at line ${batch.messages[0].line}. Import the same messages again to finish: what is already in is skipped as duplicates.`;
              break;
            }
          }
          report();
          if (stopRequested.current) {
            stopped = 'You stopped the import. Import the same messages again to finish: what is already in is skipped as duplicates.';
            break;
          }
        }
        if (stopped) await batches.return(undefined);
      } catch (error) {
        stopped = `The file could not be read: ${messageOf(error)}`;
      }
      setProgress(null);
      return { tally: { ...tally, rejected: [...tally.rejected].sort((a, b) => a.line - b.line) }, stopped };
    },
    [recover],
  );

  const stop = useCallback(() => {
    stopRequested.current = true;
  }, []);

  return { run, stop, progress };
}
