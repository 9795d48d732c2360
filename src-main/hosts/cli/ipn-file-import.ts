/**
 * Imports an IPN file of any size: streams its bytes through the splitter and sends
 * each batch to `transaction.importIpn` through `call`, summing what comes back. Memory
 * stays flat: one batch in flight, and at most `maxListedRejections` refusals kept (the
 * rest are counted). Used by `keyhub import ipn` and the bench.
 */
import { DEFAULT_BATCH_LIMITS, splitIpnStream, type BatchLimits, type IpnMessageText } from '../../domain/sales/ipn/split';
import { addTally, emptyTally } from '../../domain/sales/tally';
import type { ImportTally, RejectedMessage } from '../../domain/sales/types';

/** Sends one batch (the CLI's unlocks the keys and sends again when the answer is LOCKED). */
export type ImportBatchCall = (messages: IpnMessageText[]) => Promise<ImportTally>;

export interface FileImportResult extends ImportTally {
  /** Every refusal, including those not listed in `rejected`. */
  rejectedCount: number;
  /** Bytes read from the input. */
  bytes: number;
}

export interface FileImportOptions {
  limits?: Partial<BatchLimits>;
  /** Refusals kept for the summary; later ones are only counted. */
  maxListedRejections?: number;
  /** After each batch. */
  onProgress?: (progress: { messages: number; bytes: number }) => void;
}

export const MAX_LISTED_REJECTIONS = 1000;

/** The import stopped part-way (the call failed): what was imported before, and where it stopped. */
export class IpnImportStopped extends Error {
  constructor(
    readonly error: unknown,
    readonly imported: FileImportResult,
    /** The first line of the batch that was not imported. */
    readonly atLine: number,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export function emptyFileResult(): FileImportResult {
  return { ...emptyTally(), rejectedCount: 0, bytes: 0 };
}

/** Adds a batch's tally (or refusals made before sending) to the total, keeping at most `max` refusals listed. */
export function addFileTally(total: FileImportResult, tally: Pick<ImportTally, 'rejected'> & Partial<ImportTally>, max = MAX_LISTED_REJECTIONS): void {
  addTally(total, tally, max);
  total.rejectedCount += tally.rejected.length;
}

async function* counted(chunks: AsyncIterable<Uint8Array>, result: FileImportResult): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    result.bytes += chunk.length;
    yield chunk;
  }
}

export async function importIpnFile(chunks: AsyncIterable<Uint8Array>, call: ImportBatchCall, options: FileImportOptions = {}): Promise<FileImportResult> {
  const result = emptyFileResult();
  const max = options.maxListedRejections ?? MAX_LISTED_REJECTIONS;
  for await (const batch of splitIpnStream(counted(chunks, result), { ...DEFAULT_BATCH_LIMITS, ...options.limits })) {
    // Messages too large to send are refused here, counted like the API's refusals.
    addFileTally(result, { messages: batch.rejected.length, rejected: batch.rejected }, max);
    if (batch.messages.length > 0) {
      let tally: ImportTally;
      try {
        tally = await call(batch.messages);
      } catch (error) {
        throw new IpnImportStopped(error, result, batch.messages[0].line);
      }
      addFileTally(result, tally, max);
    }
    options.onProgress?.({ messages: result.messages, bytes: result.bytes });
  }
  result.rejected.sort((a: RejectedMessage, b: RejectedMessage) => a.line - b.line);
  return result;
}
