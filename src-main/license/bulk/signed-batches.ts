/**
 * The bulk path: payloads are signed on the pool while the previous batch is written,
 * and each batch is written in one SQLite transaction, so a crash leaves whole batches
 * or nothing (never a row without its file).
 */
import { armorLicense, assertFileSize } from '../signer';
import type { SignPool } from './sign-pool';

export const DEFAULT_BATCH_SIZE = 2000;

export interface SignedBatchesOptions<T> {
  pool: SignPool;
  items: T[];
  batchSize?: number;
  /** The canonical payload of one item (signer.licensePayload). */
  payloadOf: (item: T) => string;
  /** Writes one batch with its files; called inside nothing: wrap it in a transaction. */
  write: (batch: T[], files: string[]) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function signInBatches<T>(options: SignedBatchesOptions<T>): Promise<void> {
  const { pool, items, payloadOf, write } = options;
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));

  const signBatch = (batch: T[]) => {
    const payloads = batch.map(payloadOf);
    return pool.sign(payloads).then((signatures) => payloads.map((payload, i) => armorLicense(payload, signatures[i])));
  };
  let done = 0;
  options.onProgress?.(0, items.length);
  let next = batches.length ? signBatch(batches[0]) : null;
  for (let b = 0; b < batches.length; b++) {
    const files = await next!;
    next = b + 1 < batches.length ? signBatch(batches[b + 1]) : null;
    files.forEach(assertFileSize);
    write(batches[b], files);
    done += batches[b].length;
    options.onProgress?.(done, items.length);
  }
}
