/** Sync runs in words: modes, triggers, statuses, counts, durations and what a run did. */
import type { SyncCounts, SyncMode, SyncRun, SyncRunStatus, SyncTrigger } from '../../../src-main/domain/sync/types';
import { plural } from '../../format/numbers';

export const SYNC_MODE_LABELS: Record<SyncMode, string> = {
  backfill: 'First sync',
  incremental: 'Changes',
  relist: 'Re-list',
};

export const SYNC_MODE_HINTS: Record<SyncMode, string> = {
  backfill: 'Reads every object once, oldest type first; resumes where it stopped.',
  incremental: 'Reads what changed since the last run (Stripe’s events).',
  relist: 'Reads every object again; changes only what is not right.',
};

export const SYNC_TRIGGER_LABELS: Record<SyncTrigger, string> = {
  schedule: 'Schedule',
  manual: 'Sync now',
  cli: 'Command line',
};

export const SYNC_STATUS_LABELS: Record<SyncRunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The counts in the order the runs table and a run's page show them. */
export const COUNT_LABELS: Array<{ key: keyof SyncCounts; label: string; hint: string }> = [
  { key: 'fetched', label: 'Fetched', hint: 'Objects read from Stripe.' },
  { key: 'created', label: 'Created', hint: 'Objects stored for the first time.' },
  { key: 'updated', label: 'Updated', hint: 'Objects whose stored state changed.' },
  { key: 'unchanged', label: 'Unchanged', hint: 'Objects read again exactly as stored: nothing written.' },
  { key: 'fulfilled', label: 'Fulfilled', hint: 'Licenses issued.' },
  { key: 'revoked', label: 'Revoked', hint: 'Licenses revoked by a full refund or a lost dispute.' },
  { key: 'errors', label: 'Errors', hint: 'Objects that could not be applied; the next full sync tries them again.' },
];

/** "2 min 5 s", "0.4 s"; from start to finish, or to now while running. */
export function formatDuration(startedAt: string, finishedAt: string | null, now = Date.now()): string {
  const ms = Math.max(0, (finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt));
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "fetched 120, created 40, issued 3 licenses": the counts that are not zero, for a sentence. */
export function countsWords(counts: SyncCounts): string {
  const parts = [
    `fetched ${counts.fetched.toLocaleString()}`,
    counts.created > 0 && `created ${counts.created.toLocaleString()}`,
    counts.updated > 0 && `updated ${counts.updated.toLocaleString()}`,
    counts.unchanged > 0 && `${counts.unchanged.toLocaleString()} unchanged`,
    counts.fulfilled > 0 && `issued ${plural(counts.fulfilled, 'license')}`,
    counts.revoked > 0 && `revoked ${plural(counts.revoked, 'license')}`,
    counts.errors > 0 && plural(counts.errors, 'error'),
  ].filter(Boolean);
  return parts.join(', ');
}

/** What a finished run did, for a toast: "Sync finished: fetched 120, created 40, issued 3 licenses." */
export function runOutcomeWords(run: SyncRun): string {
  const counts = countsWords(run);
  switch (run.status) {
    case 'succeeded':
      return `Sync finished: ${counts}.`;
    case 'interrupted':
      return `Sync stopped${run.fetched > 0 ? ` (${counts})` : ''}. The next sync resumes where it stopped.`;
    case 'failed': {
      const why = (run.message ?? 'see the run for why').replace(/\.$/, '');
      return run.fetched > 0 ? `Sync failed: ${why}. Before it stopped: ${counts}.` : `Sync failed: ${why}.`;
    }
    default:
      return `Sync running: ${counts}.`;
  }
}

/** Every how many minutes, as a person says it. */
export function scheduleWords(minutes: number): string {
  if (minutes === 0) return 'Off: only when you sync';
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${plural(minutes, 'minute')}`;
}
