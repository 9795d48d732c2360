/** Adding up what imports did, batch by batch (pure: the renderer's import dialog uses it too). */
import type { ImportTally } from './types';

export const TALLY_COUNTS = ['messages', 'recorded', 'updated', 'duplicates', 'issued', 'revoked', 'restored', 'waiting'] as const;

export function emptyTally(): ImportTally {
  return { messages: 0, recorded: 0, updated: 0, duplicates: 0, issued: 0, revoked: 0, restored: 0, waiting: 0, rejected: [] };
}

/** Adds `from` into `into`, listing at most `maxListed` rejections; returns `into`. */
export function addTally(into: ImportTally, from: Pick<ImportTally, 'rejected'> & Partial<ImportTally>, maxListed = Infinity): ImportTally {
  for (const key of TALLY_COUNTS) into[key] += from[key] ?? 0;
  for (const rejected of from.rejected) {
    if (into.rejected.length >= maxListed) break;
    into.rejected.push(rejected);
  }
  return into;
}
